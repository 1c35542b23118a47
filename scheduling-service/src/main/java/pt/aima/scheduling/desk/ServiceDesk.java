package pt.aima.scheduling.desk;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.kernel.application.Region;
import pt.aima.scheduling.desk.DeskCommand.CloseDesk;
import pt.aima.scheduling.desk.DeskCommand.SeedDesk;
import pt.aima.scheduling.desk.DeskCommand.SetCapacity;
import pt.aima.scheduling.desk.DeskEvent.CapacitySet;
import pt.aima.scheduling.desk.DeskEvent.DeskClosed;
import pt.aima.scheduling.schedule.CapacityPeriod;
import pt.aima.scheduling.schedule.Closure;

/**
 * A service desk's daily capacity calendar. Every change is an event; the scheduler reads the calendar built from
 * these events and moves the appointments it no longer allows.
 */
@Aggregate(lockFactory = "aggregateLocks")
class ServiceDesk {

    @AggregateIdentifier
    private DeskId deskId;

    /** Null for a desk defined before regions existed that no capacity has placed yet. */
    private Region region;

    ServiceDesk() {}

    /**
     * A desk's region is named when it is defined, and never changes: its appointments were booked for the families of
     * that region. A desk defined before regions existed is given its region by its next capacity.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetCapacity command) {
        if (deskId == null && command.region() == null) {
            throw DeskRefused.regionRequired();
        }
        if (region != null && command.region() != null && command.region() != region) {
            throw DeskRefused.regionFixed(region);
        }
        Region deskRegion = command.region() != null ? command.region() : region;
        CapacityPeriod period = new CapacityPeriod(
                command.effectiveFrom(),
                command.effectiveUntil(),
                command.openingDays(),
                command.slotsPerDay(),
                command.firstSlot(),
                command.slotMinutes());
        apply(new CapacitySet(
                command.deskId(),
                period.effectiveFrom(),
                period.effectiveUntil(),
                period.openingDays(),
                period.slotsPerDay(),
                period.firstSlot(),
                period.slotMinutes(),
                command.reason(),
                deskRegion));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SeedDesk command) {
        if (deskId == null) {
            handle(command.capacity());
        }
    }

    @CommandHandler
    void handle(CloseDesk command) {
        Closure closure = new Closure(command.from(), command.until(), command.reason());
        apply(new DeskClosed(deskId, closure.from(), closure.until(), closure.reason()));
    }

    @EventSourcingHandler
    void on(CapacitySet event) {
        deskId = event.deskId();
        if (event.region() != null) {
            region = event.region();
        }
    }

    @EventSourcingHandler
    void on(DeskClosed event) {
        deskId = event.deskId();
    }
}
