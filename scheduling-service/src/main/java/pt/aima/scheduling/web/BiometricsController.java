package pt.aima.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordBiometricsCollected;

/** A caseworker at the desk records that the household's biometrics were collected and the originals seen. */
@RestController
@Tag(name = "Biometrics")
class BiometricsController {

    private final ActingCommandGateway commands;

    BiometricsController(ActingCommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/cases/{caseId}/biometrics")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(summary = "Record the biometrics as collected; 409 before the appointment is booked, or a second time")
    ResponseEntity<Void> collected(@PathVariable UUID caseId) {
        commands.send(new RecordBiometricsCollected(new CaseId(caseId)));
        return ResponseEntity.accepted().build();
    }
}
