package pt.aima.application.process.backlogimport;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.application.backlog.ImportCommand.InterruptImport;
import pt.aima.kernel.envelope.Actor;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;

/**
 * When the service starts, nothing is importing yet: every import still unfinished in {@code backlog_import_run} was
 * stopped by the end of the previous run (a crash, a kill, a restart) and is marked interrupted, with the cases it had
 * registered. The operator resumes it by uploading the same file ({@code POST /imports/{id}/resumption}). The files
 * the stopped run had spooled are deleted.
 *
 * <p>This assumes one instance runs imports: a second instance starting while the first imports would mark that
 * import interrupted (its run then still completes it).
 */
@Component
class BacklogImportRecovery {

    private static final Logger log = LoggerFactory.getLogger(BacklogImportRecovery.class);

    private record Unfinished(String importId, int registered) {}

    private final JdbcClient jdbc;
    private final ActingCommandGateway commands;
    private final BacklogImporter importer;
    private final Actor service;

    BacklogImportRecovery(
            JdbcClient jdbc,
            ActingCommandGateway commands,
            BacklogImporter importer,
            @Value("${aima.service.name}") String serviceName) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.importer = importer;
        this.service = Actor.system(serviceName);
    }

    @EventListener(ApplicationReadyEvent.class)
    void markInterruptedImports() {
        importer.deleteLeftoverFiles();
        List<Unfinished> unfinished = jdbc.sql("select import_id, registered from backlog_import_run")
                .query((rs, n) -> new Unfinished(rs.getString("import_id"), rs.getInt("registered")))
                .list();
        for (Unfinished run : unfinished) {
            String recovery = UUID.randomUUID().toString();
            // correlated with the import, as every event of it is
            commands.send(
                    new InterruptImport(run.importId(), run.registered()),
                    new ActingContext(service, run.importId(), recovery));
            log.warn(
                    "import {} was interrupted after {} cases registered: resume it with POST /imports/{}/resumption"
                            + " and the same file",
                    run.importId(),
                    run.registered(),
                    run.importId());
        }
    }
}
