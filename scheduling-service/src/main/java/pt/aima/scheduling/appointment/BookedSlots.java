package pt.aima.scheduling.appointment;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.MetaData;

/**
 * Where exactly a booking puts the household: {@code slots} consecutive slots from {@code firstIndex} at the booked
 * desk on {@code day}, {@code minutes} each. The booking events ({@code BiometricSlotBooked}, {@code
 * AppointmentRescheduled}) say when the appointment starts and how long it lasts; the slot positions the scheduler
 * chose travel with them in the event's metadata, so the desks' slot table is built from the events alone and a slot
 * is never taken twice.
 */
public record BookedSlots(LocalDate day, int firstIndex, int slots, int minutes) {

    static final String DAY = "aima.slots.day";
    static final String FIRST_INDEX = "aima.slots.firstIndex";
    static final String SLOTS = "aima.slots.count";
    static final String MINUTES = "aima.slots.minutes";

    MetaData asMetaData() {
        return MetaData.from(Map.of(
                DAY, day.toString(),
                FIRST_INDEX, String.valueOf(firstIndex),
                SLOTS, String.valueOf(slots),
                MINUTES, String.valueOf(minutes)));
    }

    /** The slots a booking event names; empty for events stored before they were recorded. */
    public static Optional<BookedSlots> of(MetaData metaData) {
        Object day = metaData.get(DAY);
        Object first = metaData.get(FIRST_INDEX);
        Object slots = metaData.get(SLOTS);
        Object minutes = metaData.get(MINUTES);
        if (day == null || first == null || slots == null || minutes == null) {
            return Optional.empty();
        }
        return Optional.of(new BookedSlots(
                LocalDate.parse(day.toString()),
                Integer.parseInt(first.toString()),
                Integer.parseInt(slots.toString()),
                Integer.parseInt(minutes.toString())));
    }
}
