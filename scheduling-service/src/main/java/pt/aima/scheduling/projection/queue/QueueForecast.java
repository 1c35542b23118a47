package pt.aima.scheduling.projection.queue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.schedule.DeskPlan;
import pt.aima.scheduling.schedule.QueuedCase;
import pt.aima.scheduling.schedule.Schedule;
import pt.aima.scheduling.schedule.Schedule.Plan;

/**
 * What the queue looks like at the current capacity: the scheduler's own plan, computed without booking anything, so
 * the estimate is exactly where the next pass would put a case if nothing changed before it. Every region has its own
 * queue: a case's position counts the cases of its region only, and the forecast says, region by region, how many
 * wait, what the region's desks take and when its queue clears.
 */
public class QueueForecast {

    /** The days over which a region's capacity is stated: the first bookable week. */
    static final int CAPACITY_DAYS = 7;

    private final ScheduleSnapshot snapshot;
    private final int firstBookableAfterDays;
    private final int horizonDays;
    private final Clock clock;

    /** Plans with the scheduling pass's own settings: the first bookable day and the horizon. */
    public QueueForecast(ScheduleSnapshot snapshot, int firstBookableAfterDays, int horizonDays, Clock clock) {
        this.snapshot = snapshot;
        this.firstBookableAfterDays = firstBookableAfterDays;
        this.horizonDays = horizonDays;
        this.clock = clock;
    }

    /**
     * One region's queue at the current capacity.
     *
     * @param desks the region's desks
     * @param slotsPerWeek what the region's desks take in the first bookable week (one slot per family member)
     * @param clearedOn the day the region's last waiting case would be seen; null when one of them finds no room
     *     within the horizon (or the region has no desk and no fallback)
     * @param beyondHorizon the region's waiting cases that find no room within the horizon
     */
    public record RegionForecast(
            Region region,
            int waitingCases,
            int waitingPeople,
            int desks,
            int slotsPerWeek,
            LocalDate clearedOn,
            int beyondHorizon) {}

    /**
     * @param queue the waiting cases in the order they are served
     * @param plan where each would go
     * @param regions every region with a desk or a waiting case, by name
     */
    public record Forecast(LocalDate asOf, List<QueuedCase> queue, Plan plan, List<RegionForecast> regions) {

        /** The case's place in its region's queue (1: the region's next case served). */
        public Optional<Integer> positionOf(CaseId caseId) {
            Optional<QueuedCase> found = find(caseId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            List<QueuedCase> region = queueOf(found.get().region());
            return Optional.of(region.indexOf(found.get()) + 1);
        }

        public Optional<QueuedCase> find(CaseId caseId) {
            return queue.stream()
                    .filter(queued -> queued.caseId().equals(caseId))
                    .findFirst();
        }

        /** The region's waiting cases in the order they are served. */
        public List<QueuedCase> queueOf(Region region) {
            return queue.stream().filter(queued -> queued.region() == region).toList();
        }
    }

    public Forecast now() {
        LocalDate today = LocalDate.now(clock);
        Schedule schedule = snapshot.schedule(today);
        List<QueuedCase> waiting =
                snapshot.waiting().stream().sorted(QueuedCase.QUEUE_ORDER).toList();
        LocalDate firstDay = today.plusDays(firstBookableAfterDays);
        Plan plan = schedule.plan(today, firstDay, today.plusDays(horizonDays), waiting);
        return new Forecast(today, waiting, plan, regions(today, firstDay, schedule, waiting, plan));
    }

    private static List<RegionForecast> regions(
            LocalDate today, LocalDate firstDay, Schedule schedule, List<QueuedCase> waiting, Plan plan) {
        Set<Region> regions = EnumSet.noneOf(Region.class);
        schedule.desks().forEach(desk -> regions.add(desk.region()));
        waiting.forEach(queued -> regions.add(queued.region()));
        List<RegionForecast> forecasts = new ArrayList<>();
        for (Region region :
                regions.stream().sorted(Comparator.comparing(Region::name)).toList()) {
            List<QueuedCase> queue =
                    waiting.stream().filter(queued -> queued.region() == region).toList();
            List<DeskPlan> desks = schedule.desks().stream()
                    .filter(desk -> desk.region() == region)
                    .toList();
            int slots = 0;
            for (DeskPlan desk : desks) {
                for (int d = 0; d < CAPACITY_DAYS; d++) {
                    slots += desk.slotsOn(firstDay.plusDays(d));
                }
            }
            int beyond = (int) plan.unplaced().stream()
                    .filter(queued -> queued.region() == region)
                    .count();
            LocalDate clearedOn = beyond > 0
                    ? null
                    : plan.assignments().stream()
                            .filter(assignment -> assignment.queued().region() == region)
                            .map(assignment -> assignment.booking().day())
                            .max(Comparator.naturalOrder())
                            .orElse(today);
            forecasts.add(new RegionForecast(
                    region,
                    queue.size(),
                    queue.stream().mapToInt(QueuedCase::householdSize).sum(),
                    desks.size(),
                    slots,
                    clearedOn,
                    beyond));
        }
        return forecasts;
    }
}
