package pt.aima.document.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.document.projection.checklist.ChecklistQueries;
import pt.aima.document.projection.checklist.ChecklistView;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

@RestController
@Tag(name = "Checklist")
class ChecklistController {

    private final ChecklistQueries queries;

    ChecklistController(ChecklistQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/cases/{caseId}/checklist")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "What each family member must provide, why, and where each document stands")
    ChecklistView checklist(@PathVariable UUID caseId) {
        CaseId id = new CaseId(caseId);
        return queries.findChecklist(id).orElseThrow(() -> new CaseNotFound(id));
    }
}
