package pt.aima.scheduling.appointment;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One appointment slot at one desk.
 *
 * @param startsAt local time at the desk
 */
public record Slot(String deskId, LocalDateTime startsAt, int durationMinutes) {

    public Slot {
        Objects.requireNonNull(deskId, "deskId");
        Objects.requireNonNull(startsAt, "startsAt");
        if (durationMinutes < 1) {
            throw new IllegalArgumentException("a slot lasts at least a minute");
        }
    }
}
