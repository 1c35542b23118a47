package pt.aima.scheduling.transparency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.scheduling.schedule.QueuedCase;
import pt.aima.scheduling.schedule.Schedule.Assignment;
import pt.aima.scheduling.status.AppointmentQueries;
import pt.aima.scheduling.status.AppointmentView;
import pt.aima.scheduling.transparency.QueueForecast.Forecast;

/** Where each case stands in the queue, and when operations can expect the queue to be cleared. */
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
     * @param position 1 for the next case served, null when the case is not waiting
     * @param lane COURT_ORDER, RESCHEDULE or REGISTRATION_ORDER, while waiting
     * @param estimatedDate the appointment's day when scheduled, else the day the next pass would give it at the
     *     current capacity (null when no desk has room within the horizon)
     */
    record QueuePositionView(
            UUID caseId,
            AppointmentView.Status status,
            Integer position,
            Integer waiting,
            String lane,
            LocalDate estimatedDate) {}

    /**
     * @param clearedOn the day the last waiting case would be seen at the current capacity; null when some case
     *     finds no room within the horizon
     */
    record ForecastView(
            LocalDate asOf,
            int waitingCases,
            int waitingPeople,
            Map<String, Integer> waitingByLane,
            LocalDate clearedOn,
            int beyondHorizon,
            int courtDeadlinesAtRisk) {}

    @GetMapping("/cases/{caseId}/queue-position")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The case's place in the queue and its estimated appointment date")
    QueuePositionView position(@PathVariable UUID caseId) {
        var found = appointments.findAppointment(caseId).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
        AppointmentView view = found.view();
        if (view.startsAt() != null) {
            return new QueuePositionView(
                    caseId, view.status(), null, null, null, view.startsAt().toLocalDate());
        }
        Forecast forecast = forecasts.now();
        CaseId id = new CaseId(caseId);
        Integer position = forecast.positionOf(id).orElse(null);
        String lane = forecast.queue().stream()
                .filter(queued -> queued.caseId().equals(id))
                .findFirst()
                .map(queued -> queued.lane().name())
                .orElse(null);
        LocalDate estimated = forecast.plan().of(id).map(a -> a.booking().day()).orElse(null);
        return new QueuePositionView(
                caseId,
                view.status(),
                position,
                position == null ? null : forecast.queue().size(),
                lane,
                estimated);
    }

    @GetMapping("/scheduling/forecast")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "When the current queue is cleared at the current capacity")
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
                forecast.plan().atRisk().size());
    }

    static LocalDate dayOf(Assignment assignment) {
        return assignment.booking().day();
    }
}
