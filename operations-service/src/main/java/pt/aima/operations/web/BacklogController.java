package pt.aima.operations.web;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.operations.projection.cases.CaseQueries;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** How many cases wait where, for how long, and for whom: the recovery operation's backlog. */
@RestController
class BacklogController {

    private final CaseQueries cases;
    private final Clock clock;

    BacklogController(CaseQueries cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @GetMapping("/operations/backlog")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    BacklogView backlog() {
        LocalDate today = LocalDate.now(clock);
        return BacklogView.of(today, cases.backlog(today));
    }
}
