package pt.aima.operations.projection.cases;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the commits that changed {@code ops_case}, so the backlog is recounted only when something changed. Counted
 * after the commit (once per transaction, however many cases it wrote): a recount that starts after the count moved
 * sees the change.
 */
@Component
class CaseChanges {

    private final AtomicLong version = new AtomicLong();
    private final Object marker = new Object();

    long version() {
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
