package pt.aima.document.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RequestEvidence;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.document.projection.checklist.ChecklistQueries;
import pt.aima.document.projection.evidence.EvidenceRequestView;
import pt.aima.document.projection.evidence.EvidenceRequests;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;

/**
 * A caseworker asks for specific evidence with a deadline; the applicant (own case) and staff see the requests, their
 * deadlines, and whether AIMA runs late on evidence it received.
 */
@RestController
@Tag(name = "Evidence requests")
class EvidenceRequestController {

    /**
     * @param memberId the member the evidence is about; omit for the case as a whole
     * @param documentTypes checklist document types asked for, for example {@code ["TERM_OF_RESPONSIBILITY"]}
     * @param reason what is missing and why, in words the applicant can act on
     * @param respondBy the last day the applicant may answer on; after today
     */
    record EvidenceRequestBody(
            UUID memberId,
            @NotEmpty @Size(max = 20) List<@NotBlank String> documentTypes,
            @NotBlank @Size(max = 4000) String reason,
            @NotNull LocalDate respondBy) {}

    record RequestedView(String requestId) {}

    private final ActingCommandGateway commands;
    private final ChecklistQueries checklists;
    private final EvidenceRequests requests;
    private final Clock clock;

    EvidenceRequestController(
            ActingCommandGateway commands, ChecklistQueries checklists, EvidenceRequests requests, Clock clock) {
        this.commands = commands;
        this.checklists = checklists;
        this.requests = requests;
        this.clock = clock;
    }

    @PostMapping("/cases/{caseId}/evidence-requests")
    @AllowedRoles(Role.CASEWORKER)
    @Operation(
            summary = "Ask the applicant for specific evidence with a deadline",
            description = "201 with the request id. 400 names the bad field (unknown document type, not on the"
                    + " checklist, unknown member, deadline not after today); 404 for an unknown case. The applicant"
                    + " is reminded before the deadline (EvidenceRequestReminderDue) and the request expires after it"
                    + " (EvidenceRequestExpired).")
    ResponseEntity<RequestedView> request(@PathVariable UUID caseId, @Valid @RequestBody EvidenceRequestBody body) {
        CaseId id = new CaseId(caseId);
        if (checklists.submittedOn(id).isEmpty()) {
            throw new CaseNotFound(id);
        }
        List<DocumentType> types = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (String code : body.documentTypes()) {
            DocumentType.fromCode(code.trim())
                    .ifPresentOrElse(
                            types::add,
                            () -> problems.add(new FieldProblem("documentTypes", "unknown document type " + code)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        String requestId = UUID.randomUUID().toString();
        commands.send(new RequestEvidence(
                id,
                requestId,
                body.memberId() == null ? null : new MemberId(body.memberId()),
                types,
                body.reason(),
                LocalDate.now(clock),
                body.respondBy()));
        return ResponseEntity.created(URI.create("/cases/" + caseId + "/evidence-requests"))
                .body(new RequestedView(requestId));
    }

    @GetMapping("/cases/{caseId}/evidence-requests")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The case's evidence requests: what is asked, by when, and whether AIMA runs late")
    List<EvidenceRequestView> list(@PathVariable UUID caseId) {
        CaseId id = new CaseId(caseId);
        if (checklists.submittedOn(id).isEmpty()) {
            throw new CaseNotFound(id);
        }
        return requests.ofCase(id, LocalDate.now(clock));
    }
}
