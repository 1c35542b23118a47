package pt.aima.platform.transaction;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Refuses to commit a transaction that PostgreSQL has already aborted; a listener on the service's transaction manager.
 *
 * <p>After any statement fails, PostgreSQL aborts the transaction: it refuses every further statement and answers a
 * {@code COMMIT} by rolling back, which the JDBC driver (42.7) reports as a successful commit. So if code anywhere in a
 * transaction catches a statement's exception and carries on (a library's "log and continue", a handler's fallback),
 * everything the transaction did is discarded while its owner goes on as if it had committed: a Kafka record's offset
 * is committed with no effect stored, an event processor's token moves past events it never applied, and nothing is
 * logged or retried.
 *
 * <p>Before the commit this asks the driver whether the server has aborted the transaction (the state the server
 * reports with every answer: no round trip), and if so fails with {@link AbortedTransactionException}; Spring then
 * rolls back, and the transaction's owner sees a failure and retries as it does for any other (the listener's error
 * handler, the processor's). Transactions on connections that are not PostgreSQL's commit as before.
 */
public class AbortedTransactionRefusal implements TransactionExecutionListener {

    private final DataSource dataSource;

    public AbortedTransactionRefusal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeCommit(TransactionExecution transaction) {
        if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder
                && holder.getConnectionHandle() != null
                && aborted(holder.getConnection())) {
            throw new AbortedTransactionException(transaction.getTransactionName());
        }
    }

    private static boolean aborted(Connection connection) {
        try {
            return connection.isWrapperFor(BaseConnection.class)
                    && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
        } catch (SQLException e) {
            throw new TransactionSystemException("Could not read the transaction's state from its connection", e);
        }
    }

    /** A commit refused because a statement of the transaction failed and PostgreSQL aborted it. */
    public static final class AbortedTransactionException extends TransactionSystemException {

        AbortedTransactionException(String transaction) {
            super("Not committed" + (transaction == null || transaction.isEmpty() ? "" : " (" + transaction + ")")
                    + ": PostgreSQL aborted this transaction when one of its statements failed, and that statement's"
                    + " error was caught and not passed on; the transaction is rolled back");
        }
    }
}
