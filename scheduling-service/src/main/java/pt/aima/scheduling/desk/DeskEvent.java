package pt.aima.scheduling.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/** What operations changed of a desk. Internal: {@code publishing} turns each into a DeskCapacityChanged. */
public sealed interface DeskEvent {

    DeskId deskId();

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
            String reason)
            implements DeskEvent {}

    @StoredAs("scheduling.DeskClosed")
    @Revision("1")
    record DeskClosed(DeskId deskId, LocalDate from, LocalDate until, String reason) implements DeskEvent {}
}
