package pt.aima.platform.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import pt.aima.platform.aggregate.AggregateLocks;
import pt.aima.platform.integrity.EventHash;
import pt.aima.platform.integrity.StoredEvent;

/**
 * Axon's JDBC storage engine, writing each event's chain hash ({@code V1_11__event_chain.sql}) in the statement that
 * appends it. The hash is computed here, from the bytes the engine serialized anyway; the predecessor's hash comes from
 * the event appended just before in the same batch, from {@link ChainHeads} (filled when the aggregate was loaded), or
 * else from one indexed lookup. Nothing here takes a lock: appends of different streams never wait for each other.
 * Rows inserted past this engine get their hash from the trigger instead.
 */
public class ChainingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** The chain hash column, read along with every aggregate's events so their heads are known. */
    public static final String CHAIN_HASH = "chain_hash";

    private final ChainHeads heads;
    private final String insert;
    private final String predecessor;

    public ChainingJdbcEventStorageEngine(
            JdbcEventStorageEngine.Builder builder, EventSchema schema, ChainHeads heads) {
        super(builder);
        this.heads = heads;
        this.insert = "insert into " + schema.domainEventTable() + " (" + schema.domainEventFields() + ", " + CHAIN_HASH
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.predecessor = "select " + CHAIN_HASH + " from " + schema.domainEventTable() + " where "
                + schema.aggregateIdentifierColumn() + " = ? and " + schema.sequenceNumberColumn() + " = ?";
    }

    /** Axon's statement with the hash added: the same columns in the same order ({@code domainEventFields}). */
    @Override
    protected PreparedStatement appendEvents(
            Connection connection, List<? extends EventMessage<?>> events, Serializer serializer) throws SQLException {
        AggregateLocks.appended();
        PreparedStatement statement = connection.prepareStatement(insert);
        Map<String, ChainHeads.Head> batch = new HashMap<>();
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = asDomainEventMessage(message);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            String timeStamp = DateTimeUtils.formatInstant(event.getTimestamp());
            byte[] hash = EventHash.chain(
                    predecessor(connection, event.getAggregateIdentifier(), event.getSequenceNumber(), batch),
                    new StoredEvent(
                            0,
                            event.getIdentifier(),
                            event.getType(),
                            event.getAggregateIdentifier(),
                            event.getSequenceNumber(),
                            payload.getType().getName(),
                            payload.getType().getRevision(),
                            timeStamp,
                            payload.getData(),
                            metaData.getData(),
                            null));
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            statement.setString(5, timeStamp);
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setBytes(8, payload.getData());
            statement.setBytes(9, metaData.getData());
            statement.setBytes(10, hash);
            statement.addBatch();
            batch.merge(
                    event.getAggregateIdentifier(),
                    new ChainHeads.Head(event.getSequenceNumber(), hash),
                    (a, b) -> b.sequence() >= a.sequence() ? b : a);
        }
        batch.forEach((aggregate, head) -> heads.remember(aggregate, head.sequence(), head.hash()));
        return statement;
    }

    /** Remembers the chain hash of every aggregate event read (see {@link PostgresEventStorage#engine}'s reads). */
    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet row) throws SQLException {
        DomainEventData<?> data = super.getDomainEventData(row);
        byte[] hash;
        try {
            hash = row.getBytes(CHAIN_HASH);
        } catch (SQLException e) {
            return data; // a query of Axon's own, without the column
        }
        heads.remember(data.getAggregateIdentifier(), data.getSequenceNumber(), hash);
        return data;
    }

    private byte[] predecessor(
            Connection connection, String aggregate, long sequence, Map<String, ChainHeads.Head> batch)
            throws SQLException {
        if (sequence == 0) {
            return EventHash.GENESIS;
        }
        ChainHeads.Head inBatch = batch.get(aggregate);
        if (inBatch != null && inBatch.sequence() == sequence - 1) {
            return inBatch.hash();
        }
        byte[] known = heads.hashOf(aggregate, sequence - 1);
        if (known != null) {
            return known;
        }
        try (PreparedStatement select = connection.prepareStatement(predecessor)) {
            select.setString(1, aggregate);
            select.setLong(2, sequence - 1);
            try (ResultSet result = select.executeQuery()) {
                byte[] hash = result.next() ? result.getBytes(1) : null;
                return hash == null ? EventHash.GENESIS : hash;
            }
        }
    }

    private static DomainEventMessage<?> asDomainEventMessage(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain
                ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
