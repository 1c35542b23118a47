package pt.aima.kernel.envelope;

import java.util.Objects;

/**
 * Who caused an event: the authenticated subject and the role it acted in. A service acting on its own (for example
 * opening a checklist because an application was registered) is recorded as {@link #system(String)}.
 */
public record Actor(String subject, String role) {

    public static final String SYSTEM_ROLE = "SYSTEM";

    public Actor {
        Objects.requireNonNull(subject, "actor subject");
        Objects.requireNonNull(role, "actor role");
    }

    public static Actor system(String serviceName) {
        return new Actor(serviceName, SYSTEM_ROLE);
    }
}
