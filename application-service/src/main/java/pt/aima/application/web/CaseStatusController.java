package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.projection.casestatus.CaseStatusQueries;
import pt.aima.application.projection.casestatus.CaseStatusView;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.asof.AsOf;
import pt.aima.platform.asof.AsOfReplay;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

@RestController
@Tag(name = "Case status")
class CaseStatusController {

    private final CaseStatusQueries queries;
    private final AsOfReplay replay;

    CaseStatusController(CaseStatusQueries queries, AsOfReplay replay) {
        this.queries = queries;
        this.replay = replay;
    }

    @GetMapping("/applications/{caseId}")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "Where the case stands and what happens next (an applicant sees only their own case); with"
                    + " asOf, where it stood at that instant")
    CaseStatusView status(
            @PathVariable UUID caseId,
            @Parameter(
                            description = "An ISO-8601 instant (e.g. 2026-05-01T00:00:00Z), not in the future: the case"
                                    + " as this service knew it then. 404 if it was not registered yet.")
                    @RequestParam(name = AsOf.PARAMETER, required = false)
                    String asOf) {
        return replay.asOf(asOf)
                .map(at -> queries.findCaseStatusAsOf(caseId, at))
                .orElseGet(() -> queries.findCaseStatus(caseId))
                .orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
    }
}
