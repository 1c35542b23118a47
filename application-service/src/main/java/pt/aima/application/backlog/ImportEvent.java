package pt.aima.application.backlog;

import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * What happened to a backlog import, as application-service records it (internal: never published). The cases it
 * registers are ordinary {@code ApplicationSubmitted} events carrying the import id in their provenance; the operator
 * is the actor of every one of these events.
 */
public sealed interface ImportEvent {

    String importId();

    /**
     * @param sha256 the uploaded file's SHA-256 (hex), so the audit can tell which file was imported
     * @param sizeBytes the file's size
     */
    @StoredAs("application.ImportStarted")
    @Revision("1")
    record ImportStarted(String importId, String sha256, long sizeBytes) implements ImportEvent {}

    /**
     * @param outcome COMPLETED (every valid case registered, bad ones reported) or REJECTED (the whole file refused:
     *     empty, not UTF-8, wrong header; nothing registered)
     * @param lines the file's lines, header included
     * @param cases the cases in the file, valid or not
     * @param registered cases registered by this import
     * @param alreadyRegistered valid cases registered before (the same legacy number imported again): unchanged
     * @param rejectedCases cases not registered because a line was bad or a rule of eligibility failed
     * @param problems every bad line with its number and reason
     */
    @StoredAs("application.ImportCompleted")
    @Revision("1")
    record ImportCompleted(
            String importId,
            String outcome,
            int lines,
            int cases,
            int registered,
            int alreadyRegistered,
            int rejectedCases,
            List<ImportProblem> problems)
            implements ImportEvent {}

    /**
     * The import stopped before completing (the service stopped or crashed during it); recorded when the service starts
     * again. Uploading the same file again resumes it ({@link ImportResumed}).
     *
     * @param registered the cases this import had registered when it stopped
     */
    @StoredAs("application.ImportInterrupted")
    @Revision("1")
    record ImportInterrupted(String importId, int registered) implements ImportEvent {}

    /** An interrupted import taken up again with the same file: it goes on to its {@link ImportCompleted}. */
    @StoredAs("application.ImportResumed")
    @Revision("1")
    record ImportResumed(String importId) implements ImportEvent {}
}
