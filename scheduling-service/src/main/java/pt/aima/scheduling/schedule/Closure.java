package pt.aima.scheduling.schedule;

import java.time.LocalDate;
import java.util.Objects;

/** The desk takes nobody from {@code from} to {@code until}, both inclusive. */
public record Closure(LocalDate from, LocalDate until, String reason) {

    public Closure {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("a closure cannot end before it starts");
        }
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }
}
