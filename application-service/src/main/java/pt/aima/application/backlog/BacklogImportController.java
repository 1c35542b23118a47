package pt.aima.application.backlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.platform.web.RequestActingContext;

/** The SEF backlog import: operations upload a legacy case file and follow it to its report. */
@RestController
@Tag(name = "Backlog import")
class BacklogImportController {

    private final BacklogImporter importer;
    private final JdbcClient jdbc;

    BacklogImportController(BacklogImporter importer, JdbcClient jdbc) {
        this.importer = importer;
        this.jdbc = jdbc;
    }

    record Accepted(String importId, String status, URI report) {}

    /**
     * @param status RUNNING, COMPLETED or REJECTED (the whole file refused)
     * @param totalCases, processedCases while RUNNING: how far it has come (null once completed, or before the file is
     *     read)
     */
    record ImportView(
            String importId,
            String status,
            String operator,
            String sha256,
            long sizeBytes,
            OffsetDateTime startedAt,
            OffsetDateTime completedAt,
            Integer lines,
            Integer cases,
            Integer registered,
            Integer alreadyRegistered,
            Integer rejectedCases,
            Integer totalCases,
            Integer processedCases,
            List<ImportProblem> problems) {}

    @PostMapping(
            path = "/imports",
            consumes = {"text/csv", "application/octet-stream"})
    @PreAuthorize("hasRole('OPERATIONS')")
    @Operation(
            summary = "Import a file of legacy SEF cases (docs/legacy-case-format.md)",
            description = "202 with the import id at once; the cases are registered in the background. Follow it with"
                    + " GET /imports/{id}.")
    ResponseEntity<Accepted> upload(@RequestBody(required = false) byte[] content) {
        String importId = importer.start(content == null ? new byte[0] : content, new RequestActingContext().get());
        URI report = URI.create("/imports/" + importId);
        return ResponseEntity.accepted().location(report).body(new Accepted(importId, "RUNNING", report));
    }

    @GetMapping("/imports/{importId}")
    @PreAuthorize("hasAnyRole('OPERATIONS', 'AUDITOR')")
    @Operation(summary = "An import's status, counts and report (every bad line with its number and reason)")
    ResponseEntity<ImportView> report(@PathVariable String importId) {
        BacklogImporter.Progress progress = importer.progress(importId);
        List<ImportView> views = jdbc.sql("select * from backlog_import where import_id = :id")
                .param("id", importId)
                .query((rs, n) -> new ImportView(
                        rs.getString("import_id"),
                        rs.getString("status"),
                        rs.getString("operator"),
                        rs.getString("sha256"),
                        rs.getLong("size_bytes"),
                        rs.getObject("started_at", OffsetDateTime.class),
                        rs.getObject("completed_at", OffsetDateTime.class),
                        (Integer) rs.getObject("lines"),
                        (Integer) rs.getObject("cases"),
                        (Integer) rs.getObject("registered"),
                        (Integer) rs.getObject("already_registered"),
                        (Integer) rs.getObject("rejected_cases"),
                        null,
                        null,
                        List.of()))
                .list();
        if (views.isEmpty()) {
            if (progress == null) {
                return ResponseEntity.notFound().build();
            }
            return ResponseEntity.ok(new ImportView(
                    importId,
                    "RUNNING",
                    null,
                    null,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    total(progress),
                    progress.processedCases(),
                    List.of()));
        }
        ImportView view = views.getFirst();
        if (!"RUNNING".equals(view.status())) {
            importer.forget(importId);
            List<ImportProblem> problems = jdbc.sql(
                            "select line, legacy_number, code, reason from backlog_import_problem"
                                    + " where import_id = :id order by line")
                    .param("id", importId)
                    .query((rs, n) -> new ImportProblem(
                            rs.getInt("line"),
                            rs.getString("legacy_number"),
                            rs.getString("code"),
                            rs.getString("reason")))
                    .list();
            return ResponseEntity.ok(new ImportView(
                    view.importId(),
                    view.status(),
                    view.operator(),
                    view.sha256(),
                    view.sizeBytes(),
                    view.startedAt(),
                    view.completedAt(),
                    view.lines(),
                    view.cases(),
                    view.registered(),
                    view.alreadyRegistered(),
                    view.rejectedCases(),
                    null,
                    null,
                    problems));
        }
        return ResponseEntity.ok(new ImportView(
                view.importId(),
                view.status(),
                view.operator(),
                view.sha256(),
                view.sizeBytes(),
                view.startedAt(),
                null,
                null,
                null,
                null,
                null,
                null,
                progress == null ? null : total(progress),
                progress == null ? null : progress.processedCases(),
                List.of()));
    }

    private static Integer total(BacklogImporter.Progress progress) {
        return progress.totalCases() < 0 ? null : progress.totalCases();
    }
}
