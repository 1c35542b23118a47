package pt.aima.platform.integrity;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code integrity_checkpoint} table of {@code V1_12__integrity_checkpoints.sql}, through plain JDBC. */
final class CheckpointTable {

    static final String COLUMNS = "checkpoint_number, service, previous_digest, from_global_index, up_to_global_index,"
            + " event_count, late, holes, digest, signed_at, key_id, public_key, signature, published_at";

    /** A stored checkpoint and when the broker acknowledged its published copy (null: not yet). */
    record Row(Checkpoint checkpoint, java.time.Instant publishedAt) {}

    private CheckpointTable() {}

    static Optional<Checkpoint> latest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "select " + COLUMNS + " from integrity_checkpoint order by checkpoint_number desc limit 1");
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(read(rows).checkpoint()) : Optional.empty();
        }
    }

    static List<Row> unpublished(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                        + " from integrity_checkpoint where published_at is null order by checkpoint_number");
                ResultSet rows = select.executeQuery()) {
            List<Row> found = new ArrayList<>();
            while (rows.next()) {
                found.add(read(rows));
            }
            return found;
        }
    }

    static void insert(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into integrity_checkpoint (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)")) {
            insert.setLong(1, checkpoint.number());
            insert.setString(2, checkpoint.service());
            insert.setBytes(3, checkpoint.previousDigest());
            insert.setLong(4, checkpoint.fromGlobalIndex());
            insert.setLong(5, checkpoint.upToGlobalIndex());
            insert.setLong(6, checkpoint.eventCount());
            insert.setArray(
                    7, connection.createArrayOf("bigint", checkpoint.late().toArray(Long[]::new)));
            insert.setString(8, checkpoint.holes().toString());
            insert.setBytes(9, checkpoint.digest());
            insert.setTimestamp(10, Timestamp.from(checkpoint.signedAt()));
            insert.setString(11, checkpoint.keyId());
            insert.setString(12, checkpoint.publicKey());
            insert.setBytes(13, checkpoint.signature());
            insert.executeUpdate();
        }
    }

    static void markPublished(Connection connection, long number) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update integrity_checkpoint set published_at = clock_timestamp() where checkpoint_number = ?")) {
            update.setLong(1, number);
            update.executeUpdate();
        }
    }

    static Row read(ResultSet row) throws SQLException {
        Array late = row.getArray("late");
        Timestamp published = row.getTimestamp("published_at");
        return new Row(
                new Checkpoint(
                        row.getString("service"),
                        row.getLong("checkpoint_number"),
                        row.getBytes("previous_digest"),
                        row.getLong("from_global_index"),
                        row.getLong("up_to_global_index"),
                        row.getLong("event_count"),
                        late == null ? List.of() : Arrays.asList((Long[]) late.getArray()),
                        IndexRanges.parse(row.getString("holes")),
                        row.getBytes("digest"),
                        row.getTimestamp("signed_at").toInstant(),
                        row.getString("key_id"),
                        row.getString("public_key"),
                        row.getBytes("signature")),
                published == null ? null : published.toInstant());
    }
}
