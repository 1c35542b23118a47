package pt.aima.platform.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code domain_event_entry} exactly as stored: the columns the chain hash covers and the hash itself
 * ({@code null} when the row was written past the chain trigger).
 */
public record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String type,
        String aggregateIdentifier,
        long sequenceNumber,
        String payloadType,
        String payloadRevision,
        String timeStamp,
        byte[] payload,
        byte[] metaData,
        byte[] chainHash) {

    /** The columns {@link #read} expects, in the order of {@code V1_11__event_chain.sql}. */
    public static final String COLUMNS = "global_index, event_identifier, type, aggregate_identifier, sequence_number,"
            + " payload_type, payload_revision, time_stamp, payload, meta_data, chain_hash";

    public static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(
                row.getLong("global_index"),
                row.getString("event_identifier"),
                row.getString("type"),
                row.getString("aggregate_identifier"),
                row.getLong("sequence_number"),
                row.getString("payload_type"),
                row.getString("payload_revision"),
                row.getString("time_stamp"),
                row.getBytes("payload"),
                row.getBytes("meta_data"),
                row.getBytes("chain_hash"));
    }

    /** The same event at another place in its stream (to test whether a stored hash belongs to another position). */
    StoredEvent atSequence(long sequence) {
        return new StoredEvent(
                globalIndex,
                eventIdentifier,
                type,
                aggregateIdentifier,
                sequence,
                payloadType,
                payloadRevision,
                timeStamp,
                payload,
                metaData,
                chainHash);
    }
}
