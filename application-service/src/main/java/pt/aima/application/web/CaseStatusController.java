package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.projection.casestatus.CaseStatusQueries;
import pt.aima.application.projection.casestatus.CaseStatusView;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

@RestController
@Tag(name = "Case status")
class CaseStatusController {

    private final CaseStatusQueries queries;

    CaseStatusController(CaseStatusQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/applications/{caseId}")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "Where the case stands and what happens next (an applicant sees only their own case)")
    CaseStatusView status(@PathVariable UUID caseId) {
        return queries.findCaseStatus(caseId).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
    }
}
