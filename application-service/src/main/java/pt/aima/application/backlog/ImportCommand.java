package pt.aima.application.backlog;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of a backlog import. */
public sealed interface ImportCommand {

    String importId();

    /**
     * @param sha256 the uploaded file's SHA-256 (hex)
     * @param sizeBytes the file's size
     */
    record StartImport(@TargetAggregateIdentifier String importId, String sha256, long sizeBytes)
            implements ImportCommand {}

    /** @param outcome COMPLETED or REJECTED (the whole file refused), as {@link ImportEvent.ImportCompleted} */
    record CompleteImport(
            @TargetAggregateIdentifier String importId,
            String outcome,
            int lines,
            int cases,
            int registered,
            int alreadyRegistered,
            int rejectedCases,
            List<ImportProblem> problems)
            implements ImportCommand {}

    /** Found unfinished when the service starts: it stopped with {@code registered} cases registered. */
    record InterruptImport(@TargetAggregateIdentifier String importId, int registered) implements ImportCommand {}

    /** @param sha256 the SHA-256 of the file uploaded to resume it: it must be the file the import started with */
    record ResumeImport(@TargetAggregateIdentifier String importId, String sha256) implements ImportCommand {}
}
