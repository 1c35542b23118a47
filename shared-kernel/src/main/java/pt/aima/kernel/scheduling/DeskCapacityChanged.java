package pt.aima.kernel.scheduling;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * Operations changed what a service desk can take. Not about one case: on the wire its key is the desk's stream id
 * ({@link #streamOf(String)}, a name-based UUID of the desk id), so one desk's changes stay in order on one partition.
 *
 * @param change {@code CAPACITY_SET}: from {@code effectiveFrom} (to {@code effectiveUntil}, or until the next
 *     change when null) the desk opens on {@code openingDays} with {@code slotsPerDay} slots of {@code slotMinutes}
 *     from {@code firstSlot}; {@code CLOSED}: the desk takes nobody from {@code effectiveFrom} to {@code
 *     effectiveUntil} (inclusive)
 * @param reason operations' words, given to applicants whose appointments move; may be null for a capacity increase
 * @param region added later as an <b>optional</b> field: the region the desk serves, on {@code CAPACITY_SET} changes
 *     made since regions exist; null on {@code CLOSED} and on records published before (such a desk is in {@link
 *     Region#BEFORE_REGIONS})
 */
@PublishedEvent(type = "DeskCapacityChanged", version = 1)
public record DeskCapacityChanged(
        String deskId,
        Change change,
        LocalDate effectiveFrom,
        LocalDate effectiveUntil,
        Set<DayOfWeek> openingDays,
        Integer slotsPerDay,
        LocalTime firstSlot,
        Integer slotMinutes,
        String reason,
        Region region)
        implements SchedulingEvent {

    public enum Change {
        CAPACITY_SET,
        CLOSED
    }

    public DeskCapacityChanged {
        openingDays = openingDays == null ? null : Set.copyOf(openingDays);
    }

    /** A change described by the facts published before regions existed. */
    public DeskCapacityChanged(
            String deskId,
            Change change,
            LocalDate effectiveFrom,
            LocalDate effectiveUntil,
            Set<DayOfWeek> openingDays,
            Integer slotsPerDay,
            LocalTime firstSlot,
            Integer slotMinutes,
            String reason) {
        this(
                deskId,
                change,
                effectiveFrom,
                effectiveUntil,
                openingDays,
                slotsPerDay,
                firstSlot,
                slotMinutes,
                reason,
                null);
    }

    /** The desk's stream id, which stands in the envelope where a case id stands for case events. */
    @Override
    public CaseId caseId() {
        return streamOf(deskId);
    }

    public static CaseId streamOf(String deskId) {
        return new CaseId(UUID.nameUUIDFromBytes(("aima-desk:" + deskId).getBytes(StandardCharsets.UTF_8)));
    }
}
