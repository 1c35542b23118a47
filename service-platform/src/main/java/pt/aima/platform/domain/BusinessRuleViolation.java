package pt.aima.platform.domain;

/**
 * A command refused because the case is not in a state that allows it (HTTP 409 with the reason). Domain code extends
 * it with a type per rule; it carries no framework dependency.
 */
public abstract class BusinessRuleViolation extends RuntimeException {

    private final String code;

    /**
     * @param code a stable code for the rule, for clients that branch on it
     * @param reason the refusal in words the caller can act on
     */
    protected BusinessRuleViolation(String code, String reason) {
        super(reason);
        this.code = code;
    }

    /** A stable code for the rule, for clients that branch on it. */
    public String code() {
        return code;
    }
}
