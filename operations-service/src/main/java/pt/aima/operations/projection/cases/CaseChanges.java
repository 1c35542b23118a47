package pt.aima.operations.projection.cases;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the commits that changed {@code ops_case}, so the backlog, the searches and the queues' lengths and pages are
 * read again only when something changed (a rebuild that emptied the table counts as a change). The work queues change
 * only with their case's row ({@code ReadModels} projects every read model in one transaction; each event of a
 * registered case rewrites its row, and before its registration no read model holds the case), so this counts their
 * changes too. Counted once per transaction, however many cases it wrote, just before its commit and again just after:
 * a count taken at a version no commit moved since has seen every change.
 */
@Component
public class CaseChanges {

    private final AtomicLong version = new AtomicLong();
    private final Object marker = new Object();

    public long version() {
        return version.get();
    }

    /** Records that the current transaction changed a case; counted when (and if) it commits. */
    void changed() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            version.incrementAndGet();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(marker)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(marker, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            // Before the commit as well as after it: a count taken while the commit was under way carries the version
            // in between, which the increment after the commit leaves behind; and a reader that sees the change
            // committed (before the increment after it ran) does not find the version of a count taken before it.
            @Override
            public void beforeCommit(boolean readOnly) {
                version.incrementAndGet();
            }

            @Override
            public void afterCommit() {
                version.incrementAndGet();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(marker);
            }
        });
    }
}
