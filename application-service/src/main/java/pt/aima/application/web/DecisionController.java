package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.casefile.CaseCommand.IssueDecision;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** A caseworker decides a case once its documents are accepted and its biometrics collected. */
@RestController
@Tag(name = "Decision")
class DecisionController {

    private final ActingCommandGateway commands;

    DecisionController(ActingCommandGateway commands) {
        this.commands = commands;
    }

    /**
     * @param grounds codes of the legal grounds; a refusal needs at least one
     * @param reasoning the statement of reasons given to the applicant
     */
    record IssueDecisionRequest(
            @NotNull Outcome outcome,
            @NotNull @Size(max = 10) List<@NotBlank String> grounds,
            @NotBlank @Size(max = 4000) String reasoning) {

        @AssertTrue(message = "a refusal must state at least one ground")
        boolean isGroundedWhenRefused() {
            return outcome != Outcome.REFUSED || (grounds != null && !grounds.isEmpty());
        }
    }

    @PostMapping("/applications/{caseId}/decision")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(summary = "Issue the decision; 409 unless the checklist is complete and biometrics are collected")
    ResponseEntity<Void> decide(@PathVariable UUID caseId, @Valid @RequestBody IssueDecisionRequest request) {
        commands.send(new IssueDecision(new CaseId(caseId), request.outcome(), request.grounds(), request.reasoning()));
        return ResponseEntity.accepted().build();
    }
}
