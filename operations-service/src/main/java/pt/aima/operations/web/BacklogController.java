package pt.aima.operations.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.operations.projection.cases.BacklogCounts;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** How many cases wait where, for how long, and for whom: the recovery operation's backlog. */
@RestController
class BacklogController {

    private final BacklogCounts counts;

    BacklogController(BacklogCounts counts) {
        this.counts = counts;
    }

    /**
     * The last count of the backlog (taken in the background, a few seconds old at most while cases change; see
     * {@code computedAt}).
     *
     * @param rows {@code false} leaves out the full cross of every dimension (the summaries stay)
     */
    @GetMapping("/operations/backlog")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    BacklogView backlog(@RequestParam(name = "rows", required = false) String rows) {
        boolean withRows = rows == null || rows.equals("true");
        if (!withRows && !rows.equals("false")) {
            throw InvalidRequest.of("rows", "must be true or false");
        }
        return BacklogView.of(counts.latestWithState(), withRows);
    }
}
