package pt.aima.scheduling.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A household's consecutive slots at one desk on one day: slots {@code firstIndex} to {@code firstIndex + slots - 1}.
 *
 * @param queued the case as it was queued, so a booking that must move keeps its place
 * @param startsAt local time of the first slot, as it was promised to the applicant
 */
public record Booking(
        QueuedCase queued, String deskId, LocalDate day, int firstIndex, int slots, LocalDateTime startsAt) {

    public Booking {
        if (slots < 1 || firstIndex < 0) {
            throw new IllegalArgumentException("a booking holds at least one slot");
        }
    }
}
