package pt.aima.scheduling.desk;

import java.util.Objects;

/** An AIMA service desk, for example {@code LISBOA-1}. */
public record DeskId(String value) {

    public DeskId {
        Objects.requireNonNull(value, "deskId");
    }

    @Override
    public String toString() {
        return value;
    }
}
