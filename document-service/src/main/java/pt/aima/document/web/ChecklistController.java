package pt.aima.document.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.document.casedocuments.Language;
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

    /**
     * The reasons are worded in the first language of {@code Accept-Language} that AIMA writes in (Portuguese or
     * English); without one, in the applicant's language. {@code Content-Language} names the language chosen.
     */
    @GetMapping("/cases/{caseId}/checklist")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "What each family member must provide, why (in the reader's language), and where each document"
                    + " stands; with asOf, as it stood at that instant")
    ResponseEntity<ChecklistView> checklist(
            @PathVariable UUID caseId,
            @Parameter(description = "pt or en; without either, the applicant's language")
                    @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                    String acceptLanguage,
            @Parameter(
                            description = "An ISO-8601 instant (e.g. 2026-05-01T00:00:00Z), not in the future: the"
                                    + " checklist as this service knew it then. 404 if it was not opened yet.")
                    @RequestParam(name = AsOf.PARAMETER, required = false)
                    String asOf) {
        CaseId id = new CaseId(caseId);
        Language reader = reader(acceptLanguage).orElse(null);
        ChecklistView view = replay.asOf(asOf)
                .map(at -> queries.findChecklistAsOf(id, at, reader))
                .orElseGet(() -> queries.findChecklist(id, reader))
                .orElseThrow(() -> new CaseNotFound(id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, view.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(view);
    }

    /** The most preferred language of the header that AIMA writes in; empty for none, a wildcard or a bad header. */
    static Optional<Language> reader(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream()
                    .filter(range -> range.getWeight() > 0)
                    .map(range -> Language.of(range.getRange()))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
