package pt.aima.scheduling.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import pt.aima.scheduling.appointment.SchedulingPolicy;
import pt.aima.scheduling.appointment.SchedulingPolicy.SchedulableWhen;

/**
 * The scheduler's policy and the desk every installation starts with.
 *
 * @param deskId the desk defined out of the box, when no desk of that id exists yet
 * @param openingDays its opening days
 * @param slotsPerDay its appointments per opening day
 * @param firstSlot local time of its first appointment
 * @param slotMinutes length of one member's slot
 * @param schedulableWhen when a case joins the queue: REGISTERED or CHECKLIST_COMPLETED
 * @param applicantReschedulesAllowed how often an applicant may ask for another date
 * @param missedAppointmentsRescheduled missed appointments that get a new one before the case goes to a caseworker
 * @param runEvery how often the scheduler places the waiting cases
 * @param firstBookableAfterDays appointments are booked from this many days after today
 * @param horizonDays how far ahead the scheduler looks for room
 * @param recordChunk decisions of a pass recorded per transaction (each transaction stays far shorter than Axon's gap
 *     timeout, however long the pass)
 * @param rebuildOnStart rebuild the desks' calendars, the queue and the slots from the event store when the service
 *     starts, before its first scheduling pass (one transaction; see {@code SchedulerTablesRebuild})
 */
@ConfigurationProperties("aima.scheduling")
public record SchedulingProperties(
        @DefaultValue("LISBOA-1") String deskId,
        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> openingDays,
        @DefaultValue("40") int slotsPerDay,
        @DefaultValue("09:00") @DateTimeFormat(pattern = "HH:mm") LocalTime firstSlot,
        @DefaultValue("15") int slotMinutes,
        @DefaultValue("CHECKLIST_COMPLETED") SchedulableWhen schedulableWhen,
        @DefaultValue("1") int applicantReschedulesAllowed,
        @DefaultValue("1") int missedAppointmentsRescheduled,
        @DefaultValue("PT2S") Duration runEvery,
        @DefaultValue("1") int firstBookableAfterDays,
        @DefaultValue("730") int horizonDays,
        @DefaultValue("200") int recordChunk,
        @DefaultValue("false") boolean rebuildOnStart) {

    public SchedulingPolicy policy() {
        return new SchedulingPolicy(schedulableWhen, applicantReschedulesAllowed, missedAppointmentsRescheduled);
    }

    public SchedulingProperties {
        if (recordChunk < 1) {
            throw new IllegalArgumentException("aima.scheduling.record-chunk must be at least 1, not " + recordChunk);
        }
    }
}
