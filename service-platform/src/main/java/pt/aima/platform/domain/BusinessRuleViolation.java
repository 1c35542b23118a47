package pt.aima.platform.domain;

/**
 * A command refused because the case is not in a state that allows it (HTTP 409 with the reason). Domain code extends
 * it with a type per rule; it carries no framework dependency.
 */
public abstract class BusinessRuleViolation extends RuntimeException {

    protected BusinessRuleViolation(String reason) {
        super(reason);
    }

    /** A stable code for the rule, for clients that branch on it. */
    public abstract String code();
}
