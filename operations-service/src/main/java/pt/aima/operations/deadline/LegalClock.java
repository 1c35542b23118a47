package pt.aima.operations.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import pt.aima.kernel.application.DecisionDeadlinePolicy;
import pt.aima.kernel.application.DecisionDeadlinePolicy.Rule;

/**
 * Counts a case's legal decision deadline with the shared {@link DecisionDeadlinePolicy} (configuration with effective
 * dates, the same that application-service counts the extension it grants with): the rule in force on the case's
 * registration date applies for the case's whole life, whatever rule is in force later; one extension adds that rule's
 * extension months (nothing under a rule that allows none).
 */
public final class LegalClock {

    private final DecisionDeadlinePolicy policy;

    public LegalClock(DecisionDeadlinePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The deadline of a case registered on {@code submittedOn}.
     *
     * @param extendedAt when its deadline was extended, or null if it never was
     * @return empty when no rule of the policy was in force yet on {@code submittedOn} (the policy is configured to
     *     start too late): the case has no deadline this service can count
     */
    public Optional<LegalDeadline> deadline(LocalDate submittedOn, Instant extendedAt) {
        Rule rule;
        try {
            rule = policy.ruleFor(submittedOn);
        } catch (IllegalStateException noRuleInForce) {
            return Optional.empty();
        }
        return Optional.of(new LegalDeadline(
                submittedOn,
                rule,
                policy.deadline(submittedOn, false),
                extendedAt,
                policy.deadline(submittedOn, extendedAt != null)));
    }
}
