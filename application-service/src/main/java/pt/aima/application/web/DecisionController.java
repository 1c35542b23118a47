package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.casefile.CaseCommand.ExtendDecisionDeadline;
import pt.aima.application.casefile.CaseCommand.IssueDecision;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/**
 * A caseworker decides a case once its documents are accepted and its biometrics collected, and may extend the legal
 * deadline for the decision once, for the complexity of the case.
 */
@RestController
@Tag(name = "Decision")
class DecisionController {

    private final ActingCommandGateway commands;
    private final Clock clock;

    DecisionController(ActingCommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
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

    /** @param reason why the case needs more time: the applicant is told it as written */
    record DeadlineExtensionRequest(@NotBlank @Size(max = 4000) String reason) {}

    /** @param decideBy the new last day for the decision */
    record DeadlineExtendedView(LocalDate decideBy) {}

    @PostMapping("/applications/{caseId}/deadline-extension")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(
            summary = "Extend the legal decision deadline once, for the complexity of the case; the applicant is told",
            description = "202 with the new deadline (by the deadline policy in force on the registration date). 409"
                    + " with rule DEADLINE_ALREADY_EXTENDED, DEADLINE_EXTENSION_AFTER_DECISION, DEADLINE_ALREADY_PASSED"
                    + " (the deadline ended before today) or DEADLINE_EXTENSION_NOT_PROVIDED (the policy has no"
                    + " extension); 400 without a reason; 404 for an unknown case.")
    ResponseEntity<DeadlineExtendedView> extendDeadline(
            @PathVariable UUID caseId, @Valid @RequestBody DeadlineExtensionRequest request) {
        LocalDate decideBy =
                commands.send(new ExtendDecisionDeadline(new CaseId(caseId), request.reason(), LocalDate.now(clock)));
        return ResponseEntity.accepted().body(new DeadlineExtendedView(decideBy));
    }
}
