package pt.aima.scheduling.allocation;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The one service desk biometric appointments are booked at, and its daily capacity.
 *
 * @param deskId the desk every case is booked at
 * @param slotsPerDay appointments the desk takes per working day
 * @param firstSlot local time of the day's first appointment
 * @param slotMinutes length of one appointment
 */
@ConfigurationProperties("aima.scheduling")
public record DeskProperties(
        @DefaultValue("LISBOA-1") String deskId,
        @DefaultValue("40") int slotsPerDay,
        @DefaultValue("09:00") @DateTimeFormat(pattern = "HH:mm") LocalTime firstSlot,
        @DefaultValue("15") int slotMinutes) {

    public DeskCalendar calendar() {
        return new DeskCalendar(slotsPerDay, firstSlot, slotMinutes);
    }
}
