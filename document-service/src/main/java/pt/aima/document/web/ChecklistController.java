package pt.aima.document.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.document.projection.checklist.ChecklistQueries;
import pt.aima.document.projection.checklist.ChecklistView;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.asof.AsOf;
import pt.aima.platform.asof.AsOfReplay;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

@RestController
@Tag(name = "Checklist")
class ChecklistController {

    private final ChecklistQueries queries;
    private final AsOfReplay replay;

    ChecklistController(ChecklistQueries queries, AsOfReplay replay) {
        this.queries = queries;
        this.replay = replay;
    }

    @GetMapping("/cases/{caseId}/checklist")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "What each family member must provide, why, and where each document stands; with asOf, as it"
                    + " stood at that instant")
    ChecklistView checklist(
            @PathVariable UUID caseId,
            @Parameter(
                            description = "An ISO-8601 instant (e.g. 2026-05-01T00:00:00Z), not in the future: the"
                                    + " checklist as this service knew it then. 404 if it was not opened yet.")
                    @RequestParam(name = AsOf.PARAMETER, required = false)
                    String asOf) {
        CaseId id = new CaseId(caseId);
        return replay.asOf(asOf)
                .map(at -> queries.findChecklistAsOf(id, at))
                .orElseGet(() -> queries.findChecklist(id))
                .orElseThrow(() -> new CaseNotFound(id));
    }
}
