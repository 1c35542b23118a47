package pt.aima.scheduling.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.application.Region;

/** What operations may change of a service desk. */
public sealed interface DeskCommand {

    DeskId deskId();

    /**
     * From {@code effectiveFrom} (to {@code effectiveUntil}, or until the next change) the desk opens on these days
     * with these slots. The first one defines the desk, and names its region.
     *
     * @param region where the desk is; required for a new desk, null to keep an existing desk's region
     */
    record SetCapacity(
            @TargetAggregateIdentifier DeskId deskId,
            LocalDate effectiveFrom,
            LocalDate effectiveUntil,
            Set<DayOfWeek> openingDays,
            int slotsPerDay,
            LocalTime firstSlot,
            int slotMinutes,
            String reason,
            Region region)
            implements DeskCommand {}

    /** The desk out of the box, from configuration: defines it once, and never changes a desk that exists. */
    record SeedDesk(@TargetAggregateIdentifier DeskId deskId, SetCapacity capacity) implements DeskCommand {}

    /** The desk takes nobody on these days. */
    record CloseDesk(@TargetAggregateIdentifier DeskId deskId, LocalDate from, LocalDate until, String reason)
            implements DeskCommand {}
}
