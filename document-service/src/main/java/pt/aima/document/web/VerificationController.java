package pt.aima.document.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.document.casedocuments.CaseDocumentsCommand.AcceptDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RejectDocument;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** A caseworker verifies the current version of a checklist item: accepts it, or rejects it with a reason. */
@RestController
@Tag(name = "Verification")
class VerificationController {

    private final ActingCommandGateway commands;

    VerificationController(ActingCommandGateway commands) {
        this.commands = commands;
    }

    /**
     * @param reasonCode stable code, for example {@code OUTDATED_MODEL_4} or {@code ILLEGIBLE}
     * @param reason what is wrong and what to do, in words the applicant can act on
     */
    record RejectionRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case code")
                    String reasonCode,
            @NotBlank @Size(max = 4000) String reason) {}

    @PostMapping("/cases/{caseId}/documents/{documentId}/acceptance")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(summary = "Accept the document; 409 if it was superseded or already verified")
    ResponseEntity<Void> accept(@PathVariable UUID caseId, @PathVariable UUID documentId) {
        commands.send(new AcceptDocument(new CaseId(caseId), new DocumentId(documentId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/cases/{caseId}/documents/{documentId}/rejection")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(summary = "Reject the document with a reason; 409 if it was superseded or already verified")
    ResponseEntity<Void> reject(
            @PathVariable UUID caseId, @PathVariable UUID documentId, @Valid @RequestBody RejectionRequest request) {
        commands.send(new RejectDocument(
                new CaseId(caseId), new DocumentId(documentId), request.reasonCode(), request.reason()));
        return ResponseEntity.noContent().build();
    }
}
