package pt.aima.application.backlog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.application.backlog.ImportCommand.CompleteImport;
import pt.aima.application.backlog.ImportCommand.InterruptImport;
import pt.aima.application.backlog.ImportCommand.ResumeImport;
import pt.aima.application.backlog.ImportCommand.StartImport;
import pt.aima.application.backlog.ImportEvent.ImportCompleted;
import pt.aima.application.backlog.ImportEvent.ImportInterrupted;
import pt.aima.application.backlog.ImportEvent.ImportResumed;
import pt.aima.application.backlog.ImportEvent.ImportStarted;

/**
 * One backlog import: started by an operator, completed once with its counts and report. One that stopped on the way
 * (the service stopped or crashed) is interrupted, and may be resumed with the same file, as often as it takes.
 */
@Aggregate(lockFactory = "aggregateLocks")
class BacklogImport {

    @AggregateIdentifier
    private String importId;

    private String sha256;
    private boolean completed;
    private boolean interrupted;

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

    @CommandHandler
    void handle(InterruptImport command) {
        if (completed || interrupted) {
            return;
        }
        apply(new ImportInterrupted(importId, command.registered()));
    }

    @CommandHandler
    void handle(ResumeImport command) {
        if (completed) {
            throw ImportNotResumable.completed(importId);
        }
        if (!interrupted) {
            throw ImportNotResumable.notInterrupted(importId);
        }
        if (!sha256.equals(command.sha256())) {
            throw ImportNotResumable.anotherFile(importId, sha256, command.sha256());
        }
        apply(new ImportResumed(importId));
    }

    @EventSourcingHandler
    void on(ImportStarted event) {
        importId = event.importId();
        sha256 = event.sha256();
    }

    @EventSourcingHandler
    void on(ImportInterrupted event) {
        interrupted = true;
    }

    @EventSourcingHandler
    void on(ImportResumed event) {
        interrupted = false;
    }

    @EventSourcingHandler
    void on(ImportCompleted event) {
        completed = true;
    }
}
