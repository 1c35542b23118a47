package pt.aima.scheduling.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pt.aima.kernel.application.Region;

/**
 * One desk's daily capacity calendar, in the order operations changed it: for a day, the latest capacity period that
 * covers it applies, and any closure covering it leaves it without slots.
 *
 * @param region where the desk is: it serves the cases of that region (and of a neighbour's, by a fallback); desks
 *     defined before regions existed are in {@link Region#BEFORE_REGIONS}
 */
public record DeskPlan(String deskId, Region region, List<CapacityPeriod> periods, List<Closure> closures) {

    public DeskPlan {
        Objects.requireNonNull(deskId, "deskId");
        region = region == null ? Region.BEFORE_REGIONS : region;
        periods = List.copyOf(periods);
        closures = List.copyOf(closures);
    }

    /** A desk of {@link Region#BEFORE_REGIONS}. */
    public static DeskPlan of(String deskId, CapacityPeriod first) {
        return of(deskId, Region.BEFORE_REGIONS, first);
    }

    public static DeskPlan of(String deskId, Region region, CapacityPeriod first) {
        return new DeskPlan(deskId, region, List.of(first), List.of());
    }

    public DeskPlan with(CapacityPeriod period) {
        List<CapacityPeriod> changed = new ArrayList<>(periods);
        changed.add(period);
        return new DeskPlan(deskId, region, changed, closures);
    }

    public DeskPlan with(Closure closure) {
        List<Closure> changed = new ArrayList<>(closures);
        changed.add(closure);
        return new DeskPlan(deskId, region, periods, changed);
    }

    /** The capacity rule in force on {@code day}, if the desk has one. */
    public Optional<CapacityPeriod> periodOn(LocalDate day) {
        for (int i = periods.size() - 1; i >= 0; i--) {
            if (periods.get(i).covers(day)) {
                return Optional.of(periods.get(i));
            }
        }
        return Optional.empty();
    }

    public boolean closedOn(LocalDate day) {
        return closures.stream().anyMatch(closure -> closure.covers(day));
    }

    /** How many appointments the desk takes on {@code day}: zero on closed days and days it does not open. */
    public int slotsOn(LocalDate day) {
        if (closedOn(day)) {
            return 0;
        }
        return periodOn(day)
                .filter(period -> period.openingDays().contains(day.getDayOfWeek()))
                .map(CapacityPeriod::slotsPerDay)
                .orElse(0);
    }

    /** The closure covering {@code day}, for the reason given to applicants whose appointments move. */
    public Optional<Closure> closureOn(LocalDate day) {
        return closures.stream().filter(closure -> closure.covers(day)).reduce((first, second) -> second);
    }

    public LocalDateTime startsAt(LocalDate day, int index) {
        CapacityPeriod period = periodOn(day).orElseThrow(() -> new IllegalArgumentException("desk closed " + day));
        return day.atTime(period.firstSlot().plusMinutes((long) index * period.slotMinutes()));
    }

    public int slotMinutes(LocalDate day) {
        return periodOn(day).map(CapacityPeriod::slotMinutes).orElse(0);
    }
}
