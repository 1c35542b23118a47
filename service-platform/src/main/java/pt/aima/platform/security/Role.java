package pt.aima.platform.security;

/** The platform's roles, carried in the token's {@code roles} claim. */
public enum Role {
    /** Sees and acts on their own case only. */
    APPLICANT,
    /** Verifies documents, records biometrics, issues decisions. */
    CASEWORKER,
    /** Watches backlog, queues, deadlines and capacity. */
    OPERATIONS,
    /** Reads everything, changes nothing. */
    AUDITOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
