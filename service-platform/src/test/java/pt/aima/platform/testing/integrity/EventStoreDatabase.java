package pt.aima.platform.testing.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.platform.eventstore.StoredTypeSerializer;
import pt.aima.platform.eventstore.StoredTypes;

/**
 * A fresh event store of its own for one test: a new database on the shared PostgreSQL with the platform's
 * migrations, written through the platform's own JDBC storage engine (the append path every service uses), so a test
 * can tamper with it without disturbing any other.
 */
public final class EventStoreDatabase {

    /** What the test streams record. */
    @StoredAs("integrity.Noted")
    @Revision("1")
    public record Noted(String caseId, String note) {}

    private final DatabaseSettings settings;
    private final DataSource dataSource;
    private final EventStorageEngine engine;
    private final TransactionManager transactions;

    private EventStoreDatabase(DatabaseSettings settings) {
        this.settings = settings;
        this.dataSource = new DriverManagerDataSource(settings.jdbcUrl(), settings.username(), settings.password());
        var serializer = new StoredTypeSerializer(
                JacksonSerializer.builder()
                        .objectMapper(new ObjectMapper().findAndRegisterModules())
                        .build(),
                StoredTypes.of(Noted.class));
        this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        this.engine = PostgresEventStorage.engine(
                dataSource,
                transactions,
                serializer,
                serializer,
                NoOpEventUpcaster.INSTANCE,
                SnapshotFilter.allowAll());
    }

    /** A new database named {@code <prefix>_<random>}, migrated to the platform's latest schema. */
    public static EventStoreDatabase create(String prefix) {
        return create(prefix, null);
    }

    /** The same, migrated only up to {@code flywayTarget} (e.g. {@code 1.10}); {@link #migrate()} does the rest. */
    public static EventStoreDatabase create(String prefix, String flywayTarget) {
        String name = prefix + "_"
                + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 4);
        EventStoreDatabase database =
                new EventStoreDatabase(LocalInfrastructure.shared().createDatabase(name));
        var flyway = Flyway.configure().dataSource(database.dataSource).locations("classpath:db/platform");
        (flywayTarget == null ? flyway : flyway.target(flywayTarget)).load().migrate();
        return database;
    }

    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Appends {@code notes} as the next events of {@code aggregate} in one transaction, as a command would. */
    public void append(String aggregate, String... notes) {
        long next =
                engine.lastSequenceNumberFor(aggregate).map(last -> last + 1).orElse(0L);
        List<GenericDomainEventMessage<Noted>> events = new ArrayList<>();
        for (String note : notes) {
            events.add(new GenericDomainEventMessage<>("Case", aggregate, next++, new Noted(aggregate, note)));
        }
        transactions.executeInTransaction(() -> engine.appendEvents(events));
    }

    /** Appends {@code note} as the next event of {@code aggregate} in a transaction that then rolls back. */
    public void appendAndRollBack(String aggregate, String note) {
        long next =
                engine.lastSequenceNumberFor(aggregate).map(last -> last + 1).orElse(0L);
        try {
            transactions.executeInTransaction(() -> {
                engine.appendEvents(
                        List.of(new GenericDomainEventMessage<>("Case", aggregate, next, new Noted(aggregate, note))));
                throw new IllegalStateException("rolled back on purpose");
            });
        } catch (IllegalStateException expected) {
            // the append is gone
        }
    }

    /**
     * Inserts an event as another writer would, with plain SQL and no hash (before the chain's migration, or to
     * let the trigger compute it).
     */
    public void insert(String aggregate, long sequence, String note) {
        jdbc().sql(
                        """
                        insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            payload_type, payload_revision, payload, meta_data, time_stamp)
                        values (?, ?, ?, 'Case', 'integrity.Noted', '1', convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'), ?)
                        """)
                .params(
                        UUID.randomUUID().toString(),
                        aggregate,
                        sequence,
                        "{\"caseId\":\"" + aggregate + "\",\"note\":\"" + note + "\"}",
                        java.time.Instant.now().toString())
                .update();
    }

    /** The global index of {@code aggregate}'s event {@code sequence}. */
    public long globalIndex(String aggregate, long sequence) {
        return jdbc().sql("select global_index from domain_event_entry where aggregate_identifier = ?"
                        + " and sequence_number = ?")
                .params(aggregate, sequence)
                .query(Long.class)
                .single();
    }
}
