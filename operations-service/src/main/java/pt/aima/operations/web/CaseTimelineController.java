package pt.aima.operations.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.operations.archive.EventArchive;
import pt.aima.operations.timeline.CaseTimeline;
import pt.aima.operations.timeline.TimelineEntry;
import pt.aima.platform.asof.AsOf;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.InvalidParameter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One case's whole history across every service, as operations-service archived it, in causal order: for auditors,
 * as JSON, as JSON Lines (one entry a line, for tools), or as a printable, self-contained HTML page to attach to a
 * report. With {@code asOf}, only what had been received by then.
 */
@RestController
class CaseTimelineController {

    static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final List<String> FORMATS = List.of("json", "jsonl", "html");

    private final EventArchive archive;
    private final JsonMapper json;
    private final Clock clock;

    CaseTimelineController(EventArchive archive, JsonMapper json, Clock clock) {
        this.archive = archive;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param asOf the instant the timeline is read at, or null for everything received
     * @param entries in causal order: each after its parent
     */
    record TimelineView(UUID caseId, Instant asOf, Instant generatedAt, List<TimelineEntry> entries) {}

    @GetMapping("/audit/cases/{caseId}/timeline")
    @AllowedRoles({Role.AUDITOR})
    @Operation(
            summary = "The case's whole history across every service, in causal order",
            description = "Each entry names its parent (the archived event that caused it) and its depth in the tree"
                    + " of causes. As JSON, as JSON Lines (?format=jsonl or Accept: application/jsonl) or as a"
                    + " printable HTML page (?format=html or Accept: text/html). With asOf: only the events received"
                    + " by then.")
    ResponseEntity<?> timeline(
            @PathVariable("caseId") UUID caseId,
            @Parameter(description = "an ISO-8601 instant with an offset, not in the future")
                    @RequestParam(name = AsOf.PARAMETER, required = false)
                    String asOf,
            @Parameter(description = "json (default), jsonl or html; without it, the Accept header decides")
                    @RequestParam(name = "format", required = false)
                    String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        String chosen = format(format, accept);
        Instant now = clock.instant();
        Instant at = AsOf.parse(asOf, now).orElse(null);
        List<TimelineEntry> entries = CaseTimeline.of(archive.historyOf(caseId).events(), at);
        if (entries.isEmpty()) {
            throw new CaseNotFound(new CaseId(caseId));
        }
        TimelineView view = new TimelineView(caseId, at, now, entries);
        return switch (chosen) {
            case "jsonl" ->
                ResponseEntity.ok()
                        .contentType(JSON_LINES)
                        .header(HttpHeaders.CONTENT_DISPOSITION, disposition(caseId, "jsonl"))
                        .body(jsonLines(entries));
            case "html" ->
                ResponseEntity.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, disposition(caseId, "html"))
                        .header("Content-Security-Policy", TimelineHtml.CONTENT_SECURITY_POLICY)
                        .body(TimelineHtml.render(view));
            default ->
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
        };
    }

    private String jsonLines(List<TimelineEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (TimelineEntry entry : entries) {
            out.append(json.writeValueAsString(entry)).append('\n');
        }
        return out.toString();
    }

    private static String disposition(UUID caseId, String extension) {
        return "inline; filename=\"case-" + caseId + "-timeline." + extension + "\"";
    }

    /** The format asked for: the parameter if given, else the first of ours the Accept header names, else JSON. */
    private static String format(String format, String accept) {
        if (format != null) {
            String wanted = format.strip().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(wanted)) {
                throw new InvalidParameter("format", "must be one of " + String.join(", ", FORMATS));
            }
            return wanted;
        }
        if (accept == null || accept.isBlank()) {
            return "json";
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return "json";
        }
        types = new java.util.ArrayList<>(types);
        types.sort(
                java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.isWildcardType() || type.isWildcardSubtype() || type.getQualityValue() == 0) {
                continue;
            }
            if (type.equalsTypeAndSubtype(JSON_LINES) || type.equalsTypeAndSubtype(NDJSON)) {
                return "jsonl";
            }
            if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML)
                    || type.equalsTypeAndSubtype(MediaType.APPLICATION_XHTML_XML)) {
                return "html";
            }
            if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return "json";
            }
        }
        return "json";
    }
}
