package pt.aima.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.asof.AsOf;
import pt.aima.platform.asof.AsOfReplay;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.scheduling.projection.appointment.AppointmentQueries;
import pt.aima.scheduling.projection.appointment.AppointmentQueries.FoundAppointment;
import pt.aima.scheduling.projection.appointment.AppointmentView;

@RestController
@Tag(name = "Appointment")
class AppointmentController {

    private final AppointmentQueries queries;
    private final AsOfReplay replay;

    AppointmentController(AppointmentQueries queries, AsOfReplay replay) {
        this.queries = queries;
        this.replay = replay;
    }

    /**
     * An applicant sees only their own case's appointment. Until scheduling-service has heard of the registration it
     * cannot tell whose case it is, and only staff see it.
     */
    @GetMapping("/cases/{caseId}/appointment")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "The case's biometric appointment: where, when, and whether biometrics were collected; with"
                    + " asOf, as it stood at that instant")
    AppointmentView appointment(
            @PathVariable UUID caseId,
            @Parameter(
                            description = "An ISO-8601 instant (e.g. 2026-05-01T00:00:00Z), not in the future: the"
                                    + " appointment as this service knew it then. 404 if it had not heard of the"
                                    + " case yet.")
                    @RequestParam(name = AsOf.PARAMETER, required = false)
                    String asOf) {
        FoundAppointment found = replay.asOf(asOf)
                .map(at -> queries.findAppointmentAsOf(caseId, at))
                .orElseGet(() -> queries.findAppointment(caseId))
                .orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
        return found.view();
    }
}
