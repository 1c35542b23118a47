package pt.aima.scheduling.projection.queue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.schedule.QueuedCase;
import pt.aima.scheduling.schedule.Schedule;
import pt.aima.scheduling.schedule.Schedule.Plan;

/**
 * What the queue looks like at the current capacity: the scheduler's own plan, computed without booking anything, so
 * the estimate is exactly where the next pass would put a case if nothing changed before it.
 */
public class QueueForecast {

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
     * @param queue the waiting cases in the order they are served
     * @param plan where each would go
     */
    public record Forecast(LocalDate asOf, List<QueuedCase> queue, Plan plan) {

        public Optional<Integer> positionOf(CaseId caseId) {
            for (int i = 0; i < queue.size(); i++) {
                if (queue.get(i).caseId().equals(caseId)) {
                    return Optional.of(i + 1);
                }
            }
            return Optional.empty();
        }
    }

    public Forecast now() {
        LocalDate today = LocalDate.now(clock);
        Schedule schedule = snapshot.schedule(today);
        List<QueuedCase> waiting =
                snapshot.waiting().stream().sorted(QueuedCase.QUEUE_ORDER).toList();
        Plan plan = schedule.plan(today, today.plusDays(firstBookableAfterDays), today.plusDays(horizonDays), waiting);
        return new Forecast(today, waiting, plan);
    }
}
