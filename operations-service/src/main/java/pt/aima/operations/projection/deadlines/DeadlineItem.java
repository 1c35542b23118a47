package pt.aima.operations.projection.deadlines;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One case's legal decision deadline as of a day, with the case's context (region, stage, SEF number) so staff can
 * find it. Ids and facts only.
 *
 * @param rule the rule of the deadline policy in force on {@code submittedOn}
 * @param originalDeadline the deadline the rule gives without an extension
 * @param extendedAt when the deadline was extended (once), else null
 * @param deadline the last day the decision is due
 * @param daysLeft days from the day of the query to the deadline: 0 on its last day, negative once breached; null
 *     once decided
 * @param breached undecided and past the deadline on the day of the query
 * @param decidedOn the day of the decision, null while undecided
 * @param decidedLate decided after the deadline (null while undecided)
 */
public record DeadlineItem(
        UUID caseId,
        String region,
        String stage,
        String origin,
        String legacyNumber,
        LocalDate submittedOn,
        Rule rule,
        LocalDate originalDeadline,
        boolean extended,
        Instant extendedAt,
        LocalDate deadline,
        Long daysLeft,
        boolean breached,
        LocalDate decidedOn,
        Boolean decidedLate) {

    /**
     * @param effectiveFrom the first registration date the rule applies to
     * @param months months from the registration to decide
     * @param extensionMonths months one extension adds (0: none allowed)
     */
    public record Rule(LocalDate effectiveFrom, int months, int extensionMonths) {}
}
