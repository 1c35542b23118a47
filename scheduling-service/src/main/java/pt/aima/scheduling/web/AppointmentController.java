package pt.aima.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
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

    AppointmentController(AppointmentQueries queries) {
        this.queries = queries;
    }

    /**
     * An applicant sees only their own case's appointment. Until scheduling-service has heard of the registration it
     * cannot tell whose case it is, and only staff see it.
     */
    @GetMapping("/cases/{caseId}/appointment")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The case's biometric appointment: where, when, and whether biometrics were collected")
    AppointmentView appointment(@PathVariable UUID caseId) {
        FoundAppointment found =
                queries.findAppointment(caseId).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
        return found.view();
    }
}
