package pt.aima.operations.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.operations.casefile.Stage;
import pt.aima.operations.projection.cases.CaseQueries;
import pt.aima.operations.projection.cases.CaseSearch;
import pt.aima.operations.projection.cases.CaseView;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.ProblemDetailsAdvice.FieldProblem;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds cases by what staff hold in hand: the SEF number, the applicant's account, the stage, the region. No free-text
 * search over personal data (names and documents stay in application- and document-service).
 */
@RestController
class CaseSearchController {

    /** The legacy format's SEF case number (docs/legacy-case-format.md). */
    private static final Pattern LEGACY_NUMBER = Pattern.compile("[A-Z0-9/-]{4,40}");

    /** As many answers as {@link CaseQueries} keeps pages. */
    private static final int ANSWERS_KEPT = 50;

    private final CaseQueries cases;
    private final Paging paging;
    private final WrittenAnswers<Asked> answers;

    /** What a search asks for. */
    private record Asked(CaseSearch search, Paging.Request page) {}

    CaseSearchController(CaseQueries cases, Paging paging, JsonMapper json) {
        this.cases = cases;
        this.paging = paging;
        this.answers = new WrittenAnswers<>(json, ANSWERS_KEPT);
    }

    /** A page of the matching cases (a {@link PageView} of {@link CaseView}s), oldest original submission first. */
    @GetMapping("/operations/cases")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR, Role.CASEWORKER})
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = PageView.class)))
    ResponseEntity<byte[]> search(
            @RequestParam(name = "legacyNumber", required = false) String legacyNumber,
            @RequestParam(name = "applicantId", required = false) String applicantId,
            @RequestParam(name = "stage", required = false) String stage,
            @RequestParam(name = "region", required = false) String region,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        List<FieldProblem> problems = new ArrayList<>();
        if (legacyNumber != null && !LEGACY_NUMBER.matcher(legacyNumber).matches()) {
            problems.add(new FieldProblem("legacyNumber", "must be a SEF case number: 4 to 40 of A-Z, 0-9, / and -"));
        }
        if (applicantId != null && (applicantId.isBlank() || applicantId.length() > 100)) {
            problems.add(new FieldProblem("applicantId", "must be an account id of 1 to 100 characters"));
        }
        if (region != null && Region.fromCode(region).isEmpty()) {
            problems.add(new FieldProblem(
                    "region",
                    "must be a region of the published list: "
                            + Arrays.stream(Region.values()).map(Enum::name).collect(Collectors.joining(", "))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        Stage wanted = stage == null ? null : stage(stage);
        Paging.Request request = paging.read(page, size);
        CaseSearch search = new CaseSearch(legacyNumber, applicantId, wanted, region);
        return answers.answer(
                new Asked(search, request),
                cases.search(search, request.page(), request.size()),
                found -> PageView.of(found.cases(), request, found.total()),
                acceptEncoding);
    }

    @GetMapping("/operations/cases/{caseId}")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR, Role.CASEWORKER})
    CaseView one(@PathVariable("caseId") UUID caseId) {
        return cases.find(caseId).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
    }

    /** A stage of the backlog (404 for a stage that does not exist, as for an unknown queue). */
    static Stage stage(String name) {
        return Stage.named(name)
                .orElseThrow(() -> NotFound.stage(
                        name, Arrays.stream(Stage.values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
