package pt.aima.application.projection.backlogimport;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
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

/** Each import's status, counts and report, from its events only (idempotent: a redelivery changes nothing). */
@Component
@ProcessingGroup(BacklogImportProjection.PROCESSING_GROUP)
class BacklogImportProjection {

    static final String PROCESSING_GROUP = "backlog-imports";

    private final JdbcClient jdbc;

    BacklogImportProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ImportStarted event, @MetaDataValue(ActingContext.ACTOR_SUBJECT) String operator, @Timestamp Instant at) {
        jdbc.sql(
                        """
                insert into backlog_import (import_id, status, operator, sha256, size_bytes, started_at)
                values (:id, 'RUNNING', :operator, :sha256, :size, :at)
                on conflict (import_id) do nothing
                """)
                .param("id", event.importId())
                .param("operator", operator == null ? "unknown" : operator)
                .param("sha256", event.sha256())
                .param("size", event.sizeBytes())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Shows the cases registered before it stopped; the other counts come with the completion. */
    @EventHandler
    void on(ImportInterrupted event) {
        jdbc.sql(
                        """
                update backlog_import set status = 'INTERRUPTED', registered = :registered
                where import_id = :id and status = 'RUNNING'
                """)
                .param("registered", event.registered())
                .param("id", event.importId())
                .update();
    }

    @EventHandler
    void on(ImportResumed event) {
        jdbc.sql(
                        """
                update backlog_import set status = 'RUNNING', registered = null
                where import_id = :id and status = 'INTERRUPTED'
                """)
                .param("id", event.importId())
                .update();
    }

    @EventHandler
    void on(ImportCompleted event, @Timestamp Instant at) {
        int updated = jdbc.sql(
                        """
                update backlog_import set status = :status, completed_at = :at, lines = :lines, cases = :cases,
                       registered = :registered, already_registered = :already, rejected_cases = :rejected
                where import_id = :id and status in ('RUNNING', 'INTERRUPTED')
                """)
                .param("status", event.outcome())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("lines", event.lines())
                .param("cases", event.cases())
                .param("registered", event.registered())
                .param("already", event.alreadyRegistered())
                .param("rejected", event.rejectedCases())
                .param("id", event.importId())
                .update();
        if (updated == 0) {
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
                            problem.reason().length() > 2000 ? problem.reason().substring(0, 2000) : problem.reason())
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate backlog_import_problem, backlog_import").update();
    }
}
