package pt.aima.operations.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import pt.aima.kernel.application.DecisionDeadlinePolicy.Rule;

/**
 * A case's legal decision deadline: the rule in force on its registration date, the deadline that rule gives, and
 * the deadline after the one extension it may allow. The deadline is the last day on which the decision is due: the
 * case is in breach from the day after it while undecided.
 *
 * @param submittedOn the registration date the rule was chosen by (an imported case's original submission date)
 * @param rule the rule of the policy in force on {@code submittedOn}
 * @param originalDeadline the deadline without an extension
 * @param extendedAt when the deadline was extended (the envelope's occurred-at of the first extension), else null
 * @param deadline the deadline in force: {@code originalDeadline}, or the extended one once extended
 */
public record LegalDeadline(
        LocalDate submittedOn, Rule rule, LocalDate originalDeadline, Instant extendedAt, LocalDate deadline) {

    public LegalDeadline {
        Objects.requireNonNull(submittedOn, "submittedOn");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(originalDeadline, "originalDeadline");
        Objects.requireNonNull(deadline, "deadline");
    }

    public boolean extended() {
        return extendedAt != null;
    }

    /** Days from {@code today} to the deadline: 0 on its last day, negative once it has passed. */
    public long daysLeft(LocalDate today) {
        return ChronoUnit.DAYS.between(today, deadline);
    }

    /** Whether an undecided case is past its deadline on {@code today}. */
    public boolean breachedOn(LocalDate today) {
        return today.isAfter(deadline);
    }

    /** Whether a decision on {@code decidedOn} came after the deadline. */
    public boolean lateIfDecidedOn(LocalDate decidedOn) {
        return decidedOn.isAfter(deadline);
    }
}
