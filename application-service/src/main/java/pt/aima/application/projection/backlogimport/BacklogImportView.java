package pt.aima.application.projection.backlogimport;

import java.time.OffsetDateTime;
import java.util.List;
import pt.aima.application.backlog.ImportProblem;

/**
 * One import as projected from its events.
 *
 * @param status RUNNING, INTERRUPTED (stopped by a crash or a restart; resumable with the same file), COMPLETED or
 *     REJECTED (the whole file refused)
 * @param completedAt null, like the counts, until completed (INTERRUPTED shows {@code registered}: the cases registered
 *     before it stopped)
 * @param problems every bad line, by line number; empty until completed
 */
public record BacklogImportView(
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
        List<ImportProblem> problems) {

    public boolean running() {
        return "RUNNING".equals(status);
    }

    public boolean completed() {
        return "COMPLETED".equals(status) || "REJECTED".equals(status);
    }
}
