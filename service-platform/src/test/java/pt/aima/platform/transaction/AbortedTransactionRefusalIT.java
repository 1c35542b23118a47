package pt.aima.platform.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.platform.transaction.AbortedTransactionRefusal.AbortedTransactionException;

/**
 * Against a real PostgreSQL: a transaction in which a statement failed, its error caught and not passed on, is
 * reported as committed by the driver while the server rolls it back; with the platform's refusal on the transaction
 * manager that commit fails instead, and everything else commits as before.
 */
class AbortedTransactionRefusalIT {

    private static DriverManagerDataSource dataSource;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        DatabaseSettings settings = LocalInfrastructure.shared().createDatabase("platform_aborted_transaction_it");
        dataSource = new DriverManagerDataSource(settings.jdbcUrl(), settings.username(), settings.password());
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table if not exists written (id uuid primary key)").update();
    }

    @Test
    void theDriverAloneReportsAnAbortedTransactionAsCommittedAndItsWritesAreGone() {
        UUID id = UUID.randomUUID();

        new TransactionTemplate(new JdbcTransactionManager(dataSource))
                .executeWithoutResult(status -> writeThenSwallowAFailedStatement(id));

        assertThat(stored(id)).as("what the 'committed' transaction wrote").isFalse();
    }

    @Test
    void theCommitOfAnAbortedTransactionFailsAndNothingOfItIsStored() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> new TransactionTemplate(refusing())
                        .executeWithoutResult(status -> writeThenSwallowAFailedStatement(id)))
                .isInstanceOf(AbortedTransactionException.class)
                .hasMessageContaining("aborted");
        assertThat(stored(id)).isFalse();
    }

    @Test
    void aTransactionWhoseStatementsSucceededCommits() {
        UUID id = UUID.randomUUID();

        new TransactionTemplate(refusing()).executeWithoutResult(status -> write(id));

        assertThat(stored(id)).isTrue();
    }

    @Test
    void aFailedStatementUndoneToASavepointLeavesTheTransactionCommittable() {
        UUID id = UUID.randomUUID();
        PlatformTransactionManager refusal = refusing();

        new TransactionTemplate(refusal).executeWithoutResult(status -> {
            write(id);
            Object savepoint = status.createSavepoint();
            try {
                failingStatement();
            } catch (DataAccessException expected) {
                status.rollbackToSavepoint(savepoint);
            }
        });

        assertThat(stored(id)).isTrue();
    }

    /** A transaction manager as the services have it: Spring's, with the refusal as a listener. */
    private static PlatformTransactionManager refusing() {
        JdbcTransactionManager manager = new JdbcTransactionManager(dataSource);
        manager.addListener(new AbortedTransactionRefusal(dataSource));
        return manager;
    }

    private static void writeThenSwallowAFailedStatement(UUID id) {
        write(id);
        try {
            failingStatement();
        } catch (DataAccessException swallowed) {
            // what a "log and carry on" does
        }
    }

    private static void write(UUID id) {
        jdbc.sql("insert into written (id) values (?)").param(id).update();
    }

    private static void failingStatement() {
        jdbc.sql("select 1 / 0").query(Integer.class).single();
    }

    private static boolean stored(UUID id) {
        return jdbc.sql("select count(*) from written where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 1;
    }
}
