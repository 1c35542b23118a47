package pt.aima.scheduling.projection.deskcalendar;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.application.Region;
import pt.aima.scheduling.schedule.CapacityPeriod;
import pt.aima.scheduling.schedule.Closure;
import pt.aima.scheduling.schedule.DeskPlan;

/** Reads the desks' calendars ({@link DeskCalendarProjection}). */
@Component
public class DeskCalendarQueries {

    private final JdbcClient jdbc;

    DeskCalendarQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        Map<String, Region> regions = new LinkedHashMap<>();
        jdbc.sql("select desk_id, region from desk_region")
                .query((rs, row) -> regions.put(rs.getString("desk_id"), Region.valueOf(rs.getString("region"))))
                .list();
        // a desk defined before regions has no row: it is in Region.BEFORE_REGIONS (DeskPlan's default)
        return periods.entrySet().stream()
                .map(desk -> new DeskPlan(
                        desk.getKey(),
                        regions.get(desk.getKey()),
                        desk.getValue(),
                        closures.getOrDefault(desk.getKey(), List.of())))
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
