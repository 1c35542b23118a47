package pt.aima.kernel.application;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How long AIMA has to decide a family-reunification application (Lei 23/2007, art. 105): a number of months from the
 * registration, extendable once, with notice to the applicant, for the complexity of the case. <b>(policy)</b> The
 * figures changed with Lei 61/2025 and may change again, so they are configuration with effective dates ({@link
 * Rule}s), never constants: a case keeps the rule in force on its registration date ({@code submittedOn}, for a case
 * imported from the SEF backlog its original submission date) for its whole life.
 *
 * <p>The deadline is the registration date plus the rule's months, plus its extension months once the case's deadline
 * was extended: counted in calendar months from the registration (the end of a shorter month is its last day, as
 * {@link LocalDate#plusMonths} counts), the whole term at once, so an extension never loses the days a month-end
 * would clip. Shared by the service that grants the extension (application-service) and the one that watches the
 * deadlines (operations-service), so both count the same day.
 */
public final class DecisionDeadlinePolicy {

    /**
     * One rule of the policy.
     *
     * @param effectiveFrom the first registration date it applies to
     * @param months the time to decide, in months from the registration
     * @param extensionMonths how much one extension adds; 0 when the rule allows none
     */
    public record Rule(LocalDate effectiveFrom, int months, int extensionMonths) {

        public Rule {
            Objects.requireNonNull(effectiveFrom, "effective-from");
            if (months <= 0) {
                throw new IllegalArgumentException(
                        "decision deadline rule from " + effectiveFrom + ": months must be positive, not " + months);
            }
            if (extensionMonths < 0) {
                throw new IllegalArgumentException("decision deadline rule from " + effectiveFrom
                        + ": extension-months must not be negative, not " + extensionMonths);
            }
        }

        /** Whether a case registered under this rule may have its deadline extended. */
        public boolean allowsExtension() {
            return extensionMonths > 0;
        }
    }

    private final List<Rule> rules;

    /** @param rules at least one; no two take effect on the same day; in any order */
    public DecisionDeadlinePolicy(List<Rule> rules) {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("the decision deadline policy needs at least one rule");
        }
        this.rules =
                rules.stream().sorted(Comparator.comparing(Rule::effectiveFrom)).toList();
        for (int i = 1; i < this.rules.size(); i++) {
            LocalDate from = this.rules.get(i).effectiveFrom();
            if (from.equals(this.rules.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("two decision deadline rules take effect on " + from);
            }
        }
    }

    /** The rules, earliest first. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The rule in force on the registration date: the latest one effective on or before it.
     *
     * @throws IllegalStateException no rule was in force yet on that date (the policy is configured too late)
     */
    public Rule ruleFor(LocalDate submittedOn) {
        Rule inForce = null;
        for (Rule rule : rules) {
            if (!rule.effectiveFrom().isAfter(submittedOn)) {
                inForce = rule;
            }
        }
        if (inForce == null) {
            throw new IllegalStateException("no decision deadline rule was in force on " + submittedOn
                    + "; the earliest takes effect on " + rules.getFirst().effectiveFrom());
        }
        return inForce;
    }

    /**
     * The last day the decision is due.
     *
     * @param extended whether the case's deadline was extended (an extension under a rule that allows none adds
     *     nothing)
     */
    public LocalDate deadline(LocalDate submittedOn, boolean extended) {
        Rule rule = ruleFor(submittedOn);
        return submittedOn.plusMonths(rule.months() + (extended ? rule.extensionMonths() : 0));
    }

    /** Whether the rule in force on the registration date allows an extension. */
    public boolean allowsExtension(LocalDate submittedOn) {
        return ruleFor(submittedOn).allowsExtension();
    }
}
