package pt.aima.operations.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.operations.projection.deadlines.DeadlineItem;
import pt.aima.operations.projection.deadlines.DeadlineQueries;
import pt.aima.operations.projection.deadlines.DeadlineQueries.DeadlinePage;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/**
 * The legal decision deadlines: a work list of undecided cases by nearest deadline (breached ones first), and one
 * case's deadline.
 */
@RestController
class DeadlinesController {

    /** How far ahead {@code breachingWithinDays} may look: the longest deadline plus its extension, with room. */
    static final int MAX_DAYS_AHEAD = 3_650;

    static final String BASIS = "each case's deadline is counted by the rule of the decision deadline policy"
            + " (aima.deadlines.policies) in force on its registration date (an imported case's original submission"
            + " date): that many calendar months from it, plus the rule's extension months once extended; the deadline"
            + " is the last day the decision is due, breached from the next day while undecided";

    private final DeadlineQueries deadlines;
    private final Paging paging;
    private final Clock clock;

    DeadlinesController(DeadlineQueries deadlines, Paging paging, Clock clock) {
        this.deadlines = deadlines;
        this.paging = paging;
        this.clock = clock;
    }

    /**
     * @param breachingWithinDays the window asked for, null when every undecided case was asked for
     * @param breached how many undecided cases are past their deadline today (whatever the window)
     */
    record DeadlinesView(
            LocalDate asOf,
            String basis,
            Integer breachingWithinDays,
            long breached,
            List<DeadlineItem> content,
            int page,
            int size,
            long totalElements,
            int totalPages) {}

    /**
     * Undecided cases, nearest deadline first (breached ones first, the longest breached first).
     *
     * @param breachingWithinDays only the cases whose deadline falls within this many days from today, the breached
     *     ones included (0: breached or due today); every undecided case when absent
     */
    @GetMapping("/operations/deadlines")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR, Role.CASEWORKER})
    DeadlinesView deadlines(
            @RequestParam(name = "breachingWithinDays", required = false) String breachingWithinDays,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size) {
        Integer within = breachingWithinDays == null
                ? null
                : WholeNumber.read("breachingWithinDays", breachingWithinDays, 0, MAX_DAYS_AHEAD, 0);
        Paging.Request request = paging.read(page, size);
        LocalDate today = LocalDate.now(clock);
        DeadlinePage found = deadlines.undecided(today, within, request.page(), request.size());
        PageView<DeadlineItem> view = PageView.of(found.items(), request, found.total());
        return new DeadlinesView(
                today,
                BASIS,
                within,
                deadlines.breached(today),
                view.content(),
                view.page(),
                view.size(),
                view.totalElements(),
                view.totalPages());
    }

    /** One case's deadline, decided or not (404 for a case not registered here). */
    @GetMapping("/operations/deadlines/{caseId}")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR, Role.CASEWORKER})
    DeadlineItem deadline(@PathVariable("caseId") UUID caseId) {
        return deadlines.find(caseId, LocalDate.now(clock)).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
    }
}
