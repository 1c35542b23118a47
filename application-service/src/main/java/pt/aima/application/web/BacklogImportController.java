package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.backlog.ImportProblem;
import pt.aima.application.process.backlogimport.BacklogImporter;
import pt.aima.application.process.backlogimport.BacklogImporter.Progress;
import pt.aima.application.projection.backlogimport.BacklogImportQueries;
import pt.aima.application.projection.backlogimport.BacklogImportView;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.RequestActingContext;

/** The SEF backlog import: operations upload a legacy case file and follow it to its report. */
@RestController
@Tag(name = "Backlog import")
class BacklogImportController {

    private final BacklogImporter importer;
    private final BacklogImportQueries queries;

    BacklogImportController(BacklogImporter importer, BacklogImportQueries queries) {
        this.importer = importer;
        this.queries = queries;
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
    @AllowedRoles(Role.OPERATIONS)
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
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "An import's status, counts and report (every bad line with its number and reason)")
    ResponseEntity<ImportView> report(@PathVariable String importId) {
        Progress progress = importer.progress(importId);
        Optional<BacklogImportView> projected = queries.findImport(importId);
        if (projected.isEmpty()) {
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
        BacklogImportView view = projected.get();
        if (!view.running()) {
            importer.forget(importId);
        }
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
                view.running() && progress != null ? total(progress) : null,
                view.running() && progress != null ? progress.processedCases() : null,
                view.problems()));
    }

    private static Integer total(Progress progress) {
        return progress.totalCases() < 0 ? null : progress.totalCases();
    }
}
