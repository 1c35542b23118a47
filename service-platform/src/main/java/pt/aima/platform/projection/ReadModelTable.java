package pt.aima.platform.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table of a read model with one row per aggregate, kept by its projection: every write is guarded by the
 * aggregate's event sequence number, stored in the row, so a redelivered or replayed event changes nothing, and the
 * reset empties the table (and the tables that hang off it) for a rebuild. What the projections of every service had
 * each written for themselves; the projection keeps its event handlers, its SQL for child rows and its queries.
 *
 * <p>By default the row is keyed by {@code case_id}, its last applied event is {@code last_sequence} and the time of
 * that event {@code updated_at}:
 *
 * <pre>{@code
 * private final ReadModelTable appointments = ReadModelTable.of(jdbc, "appointment");
 *
 * @EventHandler
 * void on(BiometricSlotBooked event, @SequenceNumber long sequence, @Timestamp Instant at) {
 *     appointments.upsert(event.caseId().value(), sequence, at,
 *             Columns.set("desk_id", event.deskId()).and("starts_at", event.startsAt()));
 * }
 *
 * @ResetHandler
 * void reset() {
 *     appointments.reset();
 * }
 * }</pre>
 *
 * Plain JDBC, no Axon type: the projection passes the event's sequence number and timestamp in. A projection that holds
 * its tables this way can be rebuilt blue/green with no further code ({@code POST
 * /operations/projections/{name}/rebuilds}, see {@code ProjectionRebuilds}): the platform finds the table and its
 * dependents in the projection's fields.
 */
public final class ReadModelTable {

    private final JdbcClient jdbc;
    private final String table;
    private final String key;
    private final String sequence;
    private final String updatedAt;
    private final List<String> dependents;
    private final List<String> notCompared;

    private ReadModelTable(
            JdbcClient jdbc,
            String table,
            String key,
            String sequence,
            String updatedAt,
            List<String> dependents,
            List<String> notCompared) {
        this.jdbc = jdbc;
        this.table = Columns.identifier(table);
        this.key = Columns.identifier(key);
        this.sequence = Columns.identifier(sequence);
        this.updatedAt = updatedAt == null ? null : Columns.identifier(updatedAt);
        this.dependents = List.copyOf(dependents);
        this.dependents.forEach(Columns::identifier);
        this.notCompared = List.copyOf(notCompared);
        this.notCompared.forEach(Columns::identifier);
    }

    /** {@code table}, keyed by {@code case_id}, with {@code last_sequence} and {@code updated_at}. */
    public static ReadModelTable of(JdbcClient jdbc, String table) {
        return new ReadModelTable(jdbc, table, "case_id", "last_sequence", "updated_at", List.of(), List.of());
    }

    /** The same table keyed by another column (an aggregate id other than the case's). */
    public ReadModelTable keyedBy(String keyColumn) {
        return new ReadModelTable(jdbc, table, keyColumn, sequence, updatedAt, dependents, notCompared);
    }

    /** The same table without a column for the time of the last event. */
    public ReadModelTable withoutUpdatedAt() {
        return new ReadModelTable(jdbc, table, key, sequence, null, dependents, notCompared);
    }

    /** Tables whose rows belong to this table's rows (child rows): emptied with it on reset. */
    public ReadModelTable withDependents(String... tables) {
        return new ReadModelTable(jdbc, table, key, sequence, updatedAt, List.of(tables), notCompared);
    }

    /**
     * Columns (of this table or its dependents) that a rebuild from the same events may legitimately fill otherwise,
     * such as the wall-clock time a row was written: a blue/green rebuild leaves them out when it compares its copy
     * with the live table. Columns written from events alone (the event's timestamp, not the clock) need none.
     */
    public ReadModelTable notCompared(String... columns) {
        return new ReadModelTable(jdbc, table, key, sequence, updatedAt, dependents, List.of(columns));
    }

    public String name() {
        return table;
    }

    /** The column that holds the aggregate's id. */
    public String keyColumn() {
        return key;
    }

    /** The tables whose rows belong to this table's rows. */
    public List<String> dependents() {
        return dependents;
    }

    /** The columns a rebuild does not compare (see {@link #notCompared(String...)}). */
    public List<String> columnsNotCompared() {
        return notCompared;
    }

    /**
     * Starts the aggregate's row with the event that opens it; a redelivery of it (or of any event once the row
     * exists) changes nothing.
     *
     * @return whether the row was created now: write the child rows of the opening event only then
     */
    public boolean insertIfAbsent(Object keyValue, long eventSequence, Instant at, Columns columns) {
        return write(keyValue, eventSequence, at, columns, "do nothing");
    }

    /**
     * Creates the row or sets {@code columns} in it, unless the row has applied this event or a later one already:
     * for read models whose row may be started by more than one kind of event.
     *
     * @return whether the event was applied
     */
    public boolean upsert(Object keyValue, long eventSequence, Instant at, Columns columns) {
        List<String> assignments = new ArrayList<>();
        for (String column : columns.asMap().keySet()) {
            assignments.add(column + " = excluded." + column);
        }
        assignments.add(sequence + " = excluded." + sequence);
        if (updatedAt != null) {
            assignments.add(updatedAt + " = excluded." + updatedAt);
        }
        return write(
                keyValue,
                eventSequence,
                at,
                columns,
                "do update set " + String.join(", ", assignments) + " where " + table + "." + sequence + " < excluded."
                        + sequence);
    }

    /**
     * Sets {@code columns} in the existing row, unless it has applied this event or a later one already.
     *
     * @return whether the event was applied (false also if there is no row)
     */
    public boolean update(Object keyValue, long eventSequence, Instant at, Columns columns) {
        StringBuilder sql = new StringBuilder("update " + table + " set ");
        for (String column : columns.asMap().keySet()) {
            sql.append(column).append(" = :").append(column).append(", ");
        }
        sql.append(sequence).append(" = :_sequence");
        if (updatedAt != null) {
            sql.append(", ").append(updatedAt).append(" = :_at");
        }
        sql.append(" where ")
                .append(key)
                .append(" = :_key and ")
                .append(sequence)
                .append(" < :_sequence");
        var statement = jdbc.sql(sql.toString())
                .param("_key", keyValue)
                .param("_sequence", eventSequence)
                .param("_at", utc(at));
        for (Map.Entry<String, Object> column : columns.asMap().entrySet()) {
            statement = statement.param(column.getKey(), column.getValue());
        }
        return statement.update() == 1;
    }

    /**
     * Records that the aggregate's event is applied, changing nothing else in the row. Write an event's child rows
     * only if this answers true: then each event changes them once.
     */
    public boolean advance(Object keyValue, long eventSequence, Instant at) {
        return update(keyValue, eventSequence, at, Columns.none());
    }

    /** The row of the aggregate, mapped; empty if there is none. */
    public <T> Optional<T> find(Object keyValue, RowMapper<T> mapper) {
        return jdbc.sql("select * from " + table + " where " + key + " = :key")
                .param("key", keyValue)
                .query(mapper)
                .optional();
    }

    /** The last event sequence applied to the aggregate's row; empty if there is no row. */
    public Optional<Long> lastSequence(Object keyValue) {
        return jdbc.sql("select " + sequence + " from " + table + " where " + key + " = :key")
                .param("key", keyValue)
                .query(Long.class)
                .optional();
    }

    /** Empties the table and its dependents, for a rebuild from the event store (the projection's reset handler). */
    public void reset() {
        List<String> tables = new ArrayList<>(dependents);
        tables.add(table);
        jdbc.sql("truncate " + String.join(", ", tables)).update();
    }

    /** Event times are stored as {@code timestamptz} in UTC. */
    public static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private boolean write(Object keyValue, long eventSequence, Instant at, Columns columns, String onConflict) {
        List<String> names = new ArrayList<>();
        names.add(key);
        names.add(sequence);
        if (updatedAt != null) {
            names.add(updatedAt);
        }
        names.addAll(columns.asMap().keySet());
        List<String> values = new ArrayList<>(List.of(":_key", ":_sequence"));
        if (updatedAt != null) {
            values.add(":_at");
        }
        values.addAll(columns.asMap().keySet().stream().map(name -> ":" + name).toList());
        String sql = "insert into " + table + " (" + String.join(", ", names) + ") values ("
                + values.stream().collect(Collectors.joining(", ")) + ") on conflict (" + key + ") " + onConflict;
        var statement = jdbc.sql(sql)
                .param("_key", keyValue)
                .param("_sequence", eventSequence)
                .param("_at", utc(at));
        for (Map.Entry<String, Object> column : columns.asMap().entrySet()) {
            statement = statement.param(column.getKey(), column.getValue());
        }
        return statement.update() == 1;
    }
}
