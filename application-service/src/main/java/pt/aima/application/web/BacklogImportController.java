package pt.aima.application.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.application.backlog.ImportProblem;
import pt.aima.application.process.backlogimport.BacklogImporter;
import pt.aima.application.process.backlogimport.BacklogImporter.Progress;
import pt.aima.application.process.backlogimport.ImportTooLarge;
import pt.aima.application.projection.backlogimport.BacklogImportQueries;
import pt.aima.application.projection.backlogimport.BacklogImportView;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import pt.aima.platform.web.RequestActingContext;

/**
 * The SEF backlog import: operations upload a legacy case file and follow it to its report; an import interrupted by a
 * crash is resumed by uploading the same file again to its resumption. The body is read as a stream into a bounded
 * temporary file, never held in memory; an upload over {@code aima.imports.max-upload-size} is 413.
 */
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

    private static final URI TOO_LARGE = URI.create("https://aima.gov.pt/problems/upload-too-large");

    /**
     * @param status RUNNING, INTERRUPTED (stopped by a crash or a restart: resume it with the same file), COMPLETED or
     *     REJECTED (the whole file refused)
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
            description = "202 with the import id once the file is received; the cases are registered in the"
                    + " background. Follow it with GET /imports/{id}. 413 over aima.imports.max-upload-size.")
    ResponseEntity<Accepted> upload(HttpServletRequest request) throws IOException {
        String importId = importer.start(
                request.getInputStream(), request.getContentLengthLong(), new RequestActingContext().get());
        return accepted(importId);
    }

    @PostMapping(
            path = "/imports/{importId}/resumption",
            consumes = {"text/csv", "application/octet-stream"})
    @AllowedRoles(Role.OPERATIONS)
    @Operation(
            summary = "Resume an INTERRUPTED import with the same file",
            description = "The body is the file the import started with (its SHA-256 must match, 409 otherwise):"
                    + " the service keeps no copy of an uploaded file beyond its run. Cases already registered are"
                    + " skipped and still counted as the import's own. 202; 409 unless the import is INTERRUPTED;"
                    + " 404 for an unknown import.")
    ResponseEntity<Accepted> resume(@PathVariable String importId, HttpServletRequest request) throws IOException {
        importer.resume(
                importId, request.getInputStream(), request.getContentLengthLong(), new RequestActingContext().get());
        return accepted(importId);
    }

    private static ResponseEntity<Accepted> accepted(String importId) {
        URI report = URI.create("/imports/" + importId);
        return ResponseEntity.accepted().location(report).body(new Accepted(importId, "RUNNING", report));
    }

    @ExceptionHandler(ImportTooLarge.class)
    ProblemDetail tooLarge(ImportTooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(TOO_LARGE);
        problem.setTitle("Upload too large");
        problem.setProperty("limitBytes", e.limitBytes());
        return problem;
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
        if (view.completed()) {
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
