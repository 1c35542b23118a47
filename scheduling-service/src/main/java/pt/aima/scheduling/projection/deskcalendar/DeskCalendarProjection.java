package pt.aima.scheduling.projection.deskcalendar;

import java.time.DayOfWeek;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.scheduling.desk.DeskEvent.CapacitySet;
import pt.aima.scheduling.desk.DeskEvent.DeskClosed;

/**
 * The desks' calendars ({@code desk_capacity}, {@code desk_closure}) and regions ({@code desk_region}), built only from the desks' events, in their
 * order: for a day the latest period covering it applies. The processing group is <b>subscribing</b>: the rows are
 * written in the transaction that stores the desk's event, so the next scheduling pass (and a closure that names the
 * desk) sees every change at once. Rebuilt from the event store by {@code SchedulerTablesRebuild}.
 */
@Component
@ProcessingGroup(DeskCalendarProjection.PROCESSING_GROUP)
public class DeskCalendarProjection {

    public static final String PROCESSING_GROUP = "desk-calendars";

    private final JdbcClient jdbc;

    DeskCalendarProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CapacitySet event) {
        jdbc.sql(
                        """
                insert into desk_capacity (desk_id, effective_from, effective_until, opening_days, slots_per_day,
                                           first_slot, slot_minutes)
                values (:deskId, :from, :until, :days, :slots, :firstSlot, :minutes)
                """)
                .param("deskId", event.deskId().value())
                .param("from", event.effectiveFrom())
                .param("until", event.effectiveUntil())
                .param(
                        "days",
                        event.openingDays().stream()
                                .sorted()
                                .map(DayOfWeek::name)
                                .collect(Collectors.joining(",")))
                .param("slots", event.slotsPerDay())
                .param("firstSlot", event.firstSlot())
                .param("minutes", event.slotMinutes())
                .update();
        if (event.region() != null) {
            jdbc.sql(
                            """
                    insert into desk_region (desk_id, region) values (:deskId, :region)
                    on conflict (desk_id) do update set region = excluded.region
                    """)
                    .param("deskId", event.deskId().value())
                    .param("region", event.region().name())
                    .update();
        }
    }

    @EventHandler
    void on(DeskClosed event) {
        jdbc.sql(
                        """
                insert into desk_closure (desk_id, closed_from, closed_until, reason)
                values (:deskId, :from, :until, :reason)
                """)
                .param("deskId", event.deskId().value())
                .param("from", event.from())
                .param("until", event.until())
                .param("reason", event.reason())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate desk_capacity, desk_closure, desk_region").update();
    }
}
