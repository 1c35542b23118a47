package pt.aima.platform.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.util.ClassUtils;
import pt.aima.platform.privacy.PersonalDataKeys;
import pt.aima.platform.privacy.PersonalDataSerializer;

/**
 * The service's event store on PostgreSQL through plain JDBC: the tables of {@code V1_0__axon_event_store.sql}
 * ({@code bytea} payloads, the global index from its own sequence with an increment of 1), written and read with
 * prepared statements in the transaction Spring holds for the command, the handler or the batch.
 *
 * <p>Axon's JPA engine did the same through Hibernate: persisting, flushing and materialising an entity per event
 * was the largest single cost in every service under the backlog benchmark (about a third of each service's CPU was
 * in Hibernate). Tokens and dead letters went the same way (Axon's JDBC token store and dead-letter queue on the same
 * tables), so no service has JPA at all.
 */
public final class PostgresEventStorage {

    /** The column names of the Flyway schema (Axon's JDBC defaults are camel case). */
    public static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    private PostgresEventStorage() {}

    /**
     * Axon's own Jackson 2 mapper for events, snapshots and tokens: reads and writes fields directly, so aggregates
     * snapshot without getters, and tolerates fields it does not know (upcasters handle real schema changes).
     */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Events, snapshots and dead letters as JSON, under the logical names of {@code types}. */
    public static StoredTypeSerializer serializer(
            ObjectMapper objectMapper, StoredTypes types, RevisionResolver revisions) {
        return new StoredTypeSerializer(json(objectMapper, revisions), types, revisions);
    }

    /**
     * As {@link #serializer(ObjectMapper, StoredTypes, RevisionResolver)}, with the personal fields of every event
     * encrypted under its data subject's key (see {@link PersonalDataSerializer}).
     */
    public static StoredTypeSerializer serializer(
            ObjectMapper objectMapper, StoredTypes types, RevisionResolver revisions, PersonalDataKeys keys) {
        return new StoredTypeSerializer(
                new PersonalDataSerializer(json(objectMapper, revisions), objectMapper, keys), types, revisions);
    }

    private static JacksonSerializer json(ObjectMapper objectMapper, RevisionResolver revisions) {
        return JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(revisions)
                .converter(new ChainingConverter(ClassUtils.getDefaultClassLoader()))
                .build();
    }

    /** Streams whose newest hash a service keeps at hand (about 200 bytes each); a miss costs one indexed lookup. */
    public static final int CHAIN_HEADS = 50_000;

    /**
     * The engine every service appends and loads through: Axon's JDBC engine writing each event's chain hash with it
     * ({@link ChainingJdbcEventStorageEngine}), and reading the hash along with an aggregate's events.
     */
    public static JdbcEventStorageEngine engine(
            DataSource dataSource,
            TransactionManager transactionManager,
            Serializer eventSerializer,
            Serializer snapshotSerializer,
            EventUpcaster upcasters,
            SnapshotFilter snapshots) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                // Spring's connection of the current transaction, and nothing else: Axon's
                // UnitOfWorkAwareConnectionProviderWrapper rolls that connection back itself when a unit of work rolls
                // back, even when the transaction is a larger one the unit of work only joined (an inbox's, a batch's),
                // so a command that failed and was sent again silently undid everything the larger transaction had
                // done before it (AggregateCacheIT). Axon's SpringTransactionManager starts and ends the transactions.
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .schema(SCHEMA)
                .dataType(byte[].class)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(upcasters)
                // an aggregate's @Revision discards snapshots of an older shape of its state
                .snapshotFilter(snapshots)
                .persistenceExceptionResolver(PostgresEventStorage::isUniqueViolation)
                .readEventDataForAggregate(PostgresEventStorage::readAggregateWithChainHashes);
        return new ChainingJdbcEventStorageEngine(builder, SCHEMA, new ChainHeads(CHAIN_HEADS));
    }

    /** Axon's query for an aggregate's events, with each event's chain hash. */
    static PreparedStatement readAggregateWithChainHashes(
            Connection connection, EventSchema schema, String aggregate, long firstSequenceNumber, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("select " + schema.trackedEventFields() + ", "
                + ChainingJdbcEventStorageEngine.CHAIN_HASH + " from " + schema.domainEventTable() + " where "
                + schema.aggregateIdentifierColumn() + " = ? and " + schema.sequenceNumberColumn() + " >= ? and "
                + schema.sequenceNumberColumn() + " < ? order by " + schema.sequenceNumberColumn() + " asc");
        statement.setString(1, aggregate);
        statement.setLong(2, firstSequenceNumber);
        statement.setLong(3, firstSequenceNumber + batchSize);
        return statement;
    }

    /**
     * A unique constraint of the event store refused the append: another command wrote the same aggregate's next
     * sequence number first (Axon then reports a concurrency conflict, not a storage failure). PostgreSQL says so with
     * SQL state 23505; its vendor error code is always 0, which Axon's error-code resolvers look at.
     */
    static boolean isUniqueViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
