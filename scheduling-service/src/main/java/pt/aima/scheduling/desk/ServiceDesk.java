package pt.aima.scheduling.desk;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
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
@Aggregate
class ServiceDesk {

    @AggregateIdentifier
    private DeskId deskId;

    ServiceDesk() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetCapacity command) {
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
                command.reason()));
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
    }

    @EventSourcingHandler
    void on(DeskClosed event) {
        deskId = event.deskId();
    }
}
