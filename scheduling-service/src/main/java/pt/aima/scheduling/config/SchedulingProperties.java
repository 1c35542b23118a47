package pt.aima.scheduling.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import pt.aima.kernel.application.Region;
import pt.aima.scheduling.appointment.SchedulingPolicy;
import pt.aima.scheduling.appointment.SchedulingPolicy.SchedulableWhen;
import pt.aima.scheduling.schedule.RegionFallback;

/**
 * The scheduler's policy and the desk every installation starts with.
 *
 * @param deskId the desk defined out of the box, when no desk of that id exists yet; empty: none (operations define
 *     every desk)
 * @param deskRegion the region it serves (a desk seeded before regions existed stays in Region.BEFORE_REGIONS)
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
 * @param regionFallbacks when a region's cases may be booked at a neighbouring region's desks; none by default: every
 *     case is booked in its own region, and a region without a desk (or without room) leaves its cases waiting
 */
@ConfigurationProperties("aima.scheduling")
public record SchedulingProperties(
        @DefaultValue("LISBOA-1") String deskId,
        @DefaultValue("LISBOA") Region deskRegion,
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
        @DefaultValue("false") boolean rebuildOnStart,
        List<Fallback> regionFallbacks) {

    /**
     * One entry of {@code aima.scheduling.region-fallbacks}: from {@code effectiveFrom} on, the cases of {@code region}
     * that have waited {@code afterWaiting} may be booked at the desks of {@code neighbours} (at once if {@code region}
     * has no desk at all). A later entry for the same region replaces an earlier one from its day on.
     */
    public record Fallback(
            Region region,
            Set<Region> neighbours,
            Duration afterWaiting,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom) {

        RegionFallback policy() {
            if (region == null || effectiveFrom == null || afterWaiting == null) {
                throw new IllegalArgumentException(
                        "aima.scheduling.region-fallbacks: every entry names region, after-waiting and effective-from");
            }
            return new RegionFallback(region, neighbours, (int) afterWaiting.toDays(), effectiveFrom);
        }
    }

    public SchedulingPolicy policy() {
        return new SchedulingPolicy(schedulableWhen, applicantReschedulesAllowed, missedAppointmentsRescheduled);
    }

    public List<RegionFallback> fallbacks() {
        return regionFallbacks.stream().map(Fallback::policy).toList();
    }

    public SchedulingProperties {
        if (recordChunk < 1) {
            throw new IllegalArgumentException("aima.scheduling.record-chunk must be at least 1, not " + recordChunk);
        }
        regionFallbacks = regionFallbacks == null ? List.of() : List.copyOf(regionFallbacks);
        regionFallbacks.forEach(Fallback::policy);
    }
}
