package pt.aima.scheduling.allocation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.scheduling.desk.DeskCalendars;
import pt.aima.scheduling.desk.DeskId;
import pt.aima.scheduling.schedule.CapacityPeriod;
import pt.aima.scheduling.schedule.Closure;
import pt.aima.scheduling.schedule.DeskPlan;

/** The desks' calendars in PostgreSQL, in the order of the desks' events. */
public class JdbcDeskCalendars implements DeskCalendars {

    private final JdbcClient jdbc;

    public JdbcDeskCalendars(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(DeskId deskId, CapacityPeriod period) {
        jdbc.sql(
                        """
                insert into desk_capacity (desk_id, effective_from, effective_until, opening_days, slots_per_day,
                                           first_slot, slot_minutes)
                values (:deskId, :from, :until, :days, :slots, :firstSlot, :minutes)
                """)
                .param("deskId", deskId.value())
                .param("from", period.effectiveFrom())
                .param("until", period.effectiveUntil())
                .param(
                        "days",
                        period.openingDays().stream()
                                .sorted()
                                .map(DayOfWeek::name)
                                .collect(Collectors.joining(",")))
                .param("slots", period.slotsPerDay())
                .param("firstSlot", period.firstSlot())
                .param("minutes", period.slotMinutes())
                .update();
    }

    @Override
    public void record(DeskId deskId, Closure closure) {
        jdbc.sql(
                        """
                insert into desk_closure (desk_id, closed_from, closed_until, reason)
                values (:deskId, :from, :until, :reason)
                """)
                .param("deskId", deskId.value())
                .param("from", closure.from())
                .param("until", closure.until())
                .param("reason", closure.reason())
                .update();
    }

    /** Every desk's calendar, each in the order operations changed it. */
    public List<DeskPlan> all() {
        Map<String, List<CapacityPeriod>> periods = new LinkedHashMap<>();
        jdbc.sql("select * from desk_capacity order by desk_id, id")
                .query((rs, row) -> {
                    periods.computeIfAbsent(rs.getString("desk_id"), id -> new ArrayList<>())
                            .add(new CapacityPeriod(
                                    rs.getObject("effective_from", LocalDate.class),
                                    rs.getObject("effective_until", LocalDate.class),
                                    days(rs.getString("opening_days")),
                                    rs.getInt("slots_per_day"),
                                    rs.getObject("first_slot", LocalTime.class),
                                    rs.getInt("slot_minutes")));
                    return null;
                })
                .list();
        Map<String, List<Closure>> closures = new LinkedHashMap<>();
        jdbc.sql("select * from desk_closure order by desk_id, id")
                .query((rs, row) -> {
                    closures.computeIfAbsent(rs.getString("desk_id"), id -> new ArrayList<>())
                            .add(new Closure(
                                    rs.getObject("closed_from", LocalDate.class),
                                    rs.getObject("closed_until", LocalDate.class),
                                    rs.getString("reason")));
                    return null;
                })
                .list();
        return periods.entrySet().stream()
                .map(desk ->
                        new DeskPlan(desk.getKey(), desk.getValue(), closures.getOrDefault(desk.getKey(), List.of())))
                .toList();
    }

    public Optional<DeskPlan> find(String deskId) {
        return all().stream().filter(desk -> desk.deskId().equals(deskId)).findFirst();
    }

    private static Set<DayOfWeek> days(String names) {
        if (names == null || names.isBlank()) {
            return Set.of();
        }
        return EnumSet.copyOf(
                Arrays.stream(names.split(",")).map(DayOfWeek::valueOf).toList());
    }
}
