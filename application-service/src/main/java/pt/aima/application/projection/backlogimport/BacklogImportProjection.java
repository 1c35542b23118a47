package pt.aima.application.projection.backlogimport;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.application.backlog.ImportEvent.ImportCompleted;
import pt.aima.application.backlog.ImportEvent.ImportInterrupted;
import pt.aima.application.backlog.ImportEvent.ImportResumed;
import pt.aima.application.backlog.ImportEvent.ImportStarted;
import pt.aima.application.backlog.ImportProblem;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.projection.Columns;
import pt.aima.platform.projection.ReadModelTable;

/**
 * Each import's status, counts and report, from its events only. Every write is guarded by the import's event
 * sequence: a redelivery changes nothing, and the report's lines are written once, with the completion.
 */
@Component
@ProcessingGroup(BacklogImportProjection.PROCESSING_GROUP)
class BacklogImportProjection {

    static final String PROCESSING_GROUP = "backlog-imports";

    private static final int REASON_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final ReadModelTable imports;

    BacklogImportProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.imports = ReadModelTable.of(jdbc, "backlog_import")
                .keyedBy("import_id")
                .withoutUpdatedAt()
                .withDependents("backlog_import_problem");
    }

    @EventHandler
    void on(
            ImportStarted event,
            @MetaDataValue(ActingContext.ACTOR_SUBJECT) String operator,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        imports.insertIfAbsent(
                event.importId(),
                sequence,
                at,
                Columns.set("status", "RUNNING")
                        .and("operator", operator == null ? "unknown" : operator)
                        .and("sha256", event.sha256())
                        .and("size_bytes", event.sizeBytes())
                        .and("started_at", ReadModelTable.utc(at)));
    }

    /** Shows the cases registered before it stopped; the other counts come with the completion. */
    @EventHandler
    void on(ImportInterrupted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        imports.update(
                event.importId(),
                sequence,
                at,
                Columns.set("status", "INTERRUPTED").and("registered", event.registered()));
    }

    @EventHandler
    void on(ImportResumed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        imports.update(
                event.importId(), sequence, at, Columns.set("status", "RUNNING").and("registered", null));
    }

    @EventHandler
    void on(ImportCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        boolean applied = imports.update(
                event.importId(),
                sequence,
                at,
                Columns.set("status", event.outcome())
                        .and("completed_at", ReadModelTable.utc(at))
                        .and("lines", event.lines())
                        .and("cases", event.cases())
                        .and("registered", event.registered())
                        .and("already_registered", event.alreadyRegistered())
                        .and("rejected_cases", event.rejectedCases()));
        if (!applied) {
            return;
        }
        for (ImportProblem problem : event.problems()) {
            jdbc.sql(
                            """
                    insert into backlog_import_problem (import_id, line, legacy_number, code, reason)
                    values (:id, :line, :legacy, :code, :reason)
                    """)
                    .param("id", event.importId())
                    .param("line", problem.line())
                    .param("legacy", problem.legacyNumber())
                    .param("code", problem.code())
                    .param(
                            "reason",
                            problem.reason().length() > REASON_LENGTH
                                    ? problem.reason().substring(0, REASON_LENGTH)
                                    : problem.reason())
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        imports.reset();
    }
}
