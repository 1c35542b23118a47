package pt.aima.scheduling.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.application.Region;
import pt.aima.platform.eventstore.StoredAs;

/** What operations changed of a desk. Internal: {@code publishing} turns each into a DeskCapacityChanged. */
public sealed interface DeskEvent {

    DeskId deskId();

    /**
     * The desk's capacity from {@code effectiveFrom} on. {@code region} was added later as an optional field: the
     * desk's region, carried by every capacity set since regions exist; null in events stored before (such a desk is
     * in {@link Region#BEFORE_REGIONS} until a capacity names its region).
     */
    @StoredAs("scheduling.CapacitySet")
    @Revision("1")
    record CapacitySet(
            DeskId deskId,
            LocalDate effectiveFrom,
            LocalDate effectiveUntil,
            Set<DayOfWeek> openingDays,
            int slotsPerDay,
            LocalTime firstSlot,
            int slotMinutes,
            String reason,
            Region region)
            implements DeskEvent {}

    @StoredAs("scheduling.DeskClosed")
    @Revision("1")
    record DeskClosed(DeskId deskId, LocalDate from, LocalDate until, String reason) implements DeskEvent {}
}
