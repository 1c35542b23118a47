package pt.aima.application.backlog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.application.backlog.ImportCommand.CompleteImport;
import pt.aima.application.backlog.ImportCommand.StartImport;
import pt.aima.application.backlog.ImportEvent.ImportCompleted;
import pt.aima.application.backlog.ImportEvent.ImportStarted;

/** One run of the backlog import: started by an operator, completed once with its counts and report. */
@Aggregate
class BacklogImport {

    @AggregateIdentifier
    private String importId;

    private boolean completed;

    BacklogImport() {}

    @CommandHandler
    BacklogImport(StartImport command) {
        apply(new ImportStarted(command.importId(), command.sha256(), command.sizeBytes()));
    }

    @CommandHandler
    void handle(CompleteImport command) {
        if (completed) {
            throw new IllegalStateException("import " + importId + " is already completed");
        }
        apply(new ImportCompleted(
                importId,
                command.outcome(),
                command.lines(),
                command.cases(),
                command.registered(),
                command.alreadyRegistered(),
                command.rejectedCases(),
                List.copyOf(command.problems())));
    }

    @EventSourcingHandler
    void on(ImportStarted event) {
        importId = event.importId();
    }

    @EventSourcingHandler
    void on(ImportCompleted event) {
        completed = true;
    }
}
