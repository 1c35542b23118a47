package pt.aima.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.scheduling.projection.appointment.AppointmentQueries;
import pt.aima.scheduling.projection.appointment.AppointmentView;
import pt.aima.scheduling.projection.queue.QueueForecast;
import pt.aima.scheduling.projection.queue.QueueForecast.Forecast;
import pt.aima.scheduling.projection.queue.QueueForecast.RegionForecast;
import pt.aima.scheduling.schedule.QueuedCase;

/**
 * Where each case stands in its region's queue, and when operations can expect each region's queue to be cleared (so
 * they see where to add capacity).
 */
@RestController
@Tag(name = "Queue")
class TransparencyController {

    private final AppointmentQueries appointments;
    private final QueueForecast forecasts;

    TransparencyController(AppointmentQueries appointments, QueueForecast forecasts) {
        this.appointments = appointments;
        this.forecasts = forecasts;
    }

    /**
     * @param region the case's region: position, waiting and the estimate are within its queue
     * @param position 1 for the region's next case served, null when the case is not waiting
     * @param waiting the cases waiting in the region, while the case waits
     * @param lane COURT_ORDER, RESCHEDULE or REGISTRATION_ORDER, while waiting
     * @param estimatedDate the appointment's day when scheduled, else the day the next pass would give it at the
     *     current capacity (null when no desk has room within the horizon)
     */
    record QueuePositionView(
            UUID caseId,
            String region,
            AppointmentView.Status status,
            Integer position,
            Integer waiting,
            String lane,
            LocalDate estimatedDate) {}

    /**
     * @param clearedOn the day the last waiting case would be seen at the current capacity; null when some case
     *     finds no room within the horizon
     * @param regions per region (every region with a desk or a waiting case): waiting cases and people, its desks and
     *     their slots in the first bookable week, the day its queue clears (null when some of its cases find no room)
     */
    record ForecastView(
            LocalDate asOf,
            int waitingCases,
            int waitingPeople,
            Map<String, Integer> waitingByLane,
            LocalDate clearedOn,
            int beyondHorizon,
            int courtDeadlinesAtRisk,
            List<RegionForecast> regions) {}

    @GetMapping("/cases/{caseId}/queue-position")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The case's place in its region's queue and its estimated appointment date")
    QueuePositionView position(@PathVariable UUID caseId) {
        var found = appointments.findAppointment(caseId).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
        AppointmentView view = found.view();
        if (view.startsAt() != null) {
            return new QueuePositionView(
                    caseId,
                    view.region(),
                    view.status(),
                    null,
                    null,
                    null,
                    view.startsAt().toLocalDate());
        }
        Forecast forecast = forecasts.now();
        CaseId id = new CaseId(caseId);
        Optional<QueuedCase> queued = forecast.find(id);
        Integer position = forecast.positionOf(id).orElse(null);
        LocalDate estimated = forecast.plan().of(id).map(a -> a.booking().day()).orElse(null);
        return new QueuePositionView(
                caseId,
                queued.map(q -> q.region().name()).orElse(view.region()),
                view.status(),
                position,
                queued.map(q -> forecast.queueOf(q.region()).size()).orElse(null),
                queued.map(q -> q.lane().name()).orElse(null),
                estimated);
    }

    @GetMapping("/scheduling/forecast")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "When the current queue is cleared at the current capacity, in all and region by region")
    ForecastView forecast() {
        Forecast forecast = forecasts.now();
        Map<String, Integer> byLane = new TreeMap<>();
        forecast.queue().forEach(queued -> byLane.merge(queued.lane().name(), 1, Integer::sum));
        int people =
                forecast.queue().stream().mapToInt(QueuedCase::householdSize).sum();
        boolean allPlaced = forecast.plan().unplaced().isEmpty();
        return new ForecastView(
                forecast.asOf(),
                forecast.queue().size(),
                people,
                byLane,
                allPlaced ? forecast.plan().clearedOn().orElse(forecast.asOf()) : null,
                forecast.plan().unplaced().size(),
                forecast.plan().atRisk().size(),
                forecast.regions());
    }
}
