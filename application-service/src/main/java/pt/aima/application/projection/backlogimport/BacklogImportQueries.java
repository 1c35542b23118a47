package pt.aima.application.projection.backlogimport;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.application.backlog.ImportProblem;

/** Reads the backlog-import read model. */
@Component
public class BacklogImportQueries {

    private final JdbcClient jdbc;

    BacklogImportQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The import, with its report once it is completed; empty until its start is projected. */
    public Optional<BacklogImportView> findImport(String importId) {
        Optional<BacklogImportView> found = jdbc.sql("select * from backlog_import where import_id = :id")
                .param("id", importId)
                .query((rs, n) -> new BacklogImportView(
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
                        List.of()))
                .optional();
        if (found.isEmpty() || !found.get().completed()) {
            return found;
        }
        BacklogImportView completed = found.get();
        return Optional.of(new BacklogImportView(
                completed.importId(),
                completed.status(),
                completed.operator(),
                completed.sha256(),
                completed.sizeBytes(),
                completed.startedAt(),
                completed.completedAt(),
                completed.lines(),
                completed.cases(),
                completed.registered(),
                completed.alreadyRegistered(),
                completed.rejectedCases(),
                problems(importId)));
    }

    private List<ImportProblem> problems(String importId) {
        return jdbc.sql("select line, legacy_number, code, reason from backlog_import_problem"
                        + " where import_id = :id order by line")
                .param("id", importId)
                .query((rs, n) -> new ImportProblem(
                        rs.getInt("line"), rs.getString("legacy_number"), rs.getString("code"), rs.getString("reason")))
                .list();
    }
}
