package pt.aima.operations.casefile;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a case stands, as application-service's case status names it, with a decided case split by its outcome. A
 * case is at the furthest stage it has reached: a decision outranks collected biometrics, which outrank an
 * appointment, which outranks a complete checklist, which outranks an open one.
 */
public enum Stage {
    REGISTERED,
    DOCUMENTS_REQUIRED,
    DOCUMENTS_COMPLETE,
    BIOMETRICS_SCHEDULED,
    BIOMETRICS_COLLECTED,
    GRANTED,
    REFUSED;

    public boolean decided() {
        return this == GRANTED || this == REFUSED;
    }

    /** The stage called {@code name} exactly (as the API writes it), if there is one. */
    public static Optional<Stage> named(String name) {
        return Arrays.stream(values())
                .filter(stage -> stage.name().equals(name))
                .findFirst();
    }
}
