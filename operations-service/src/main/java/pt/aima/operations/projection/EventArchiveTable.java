package pt.aima.operations.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.codec.MalformedEventException;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.archive.CaseHistory;
import pt.aima.operations.archive.EventArchive;
import pt.aima.platform.privacy.Personal;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The event archive in PostgreSQL ({@code event_archive}): the envelope's facts as columns, the payload as the JSON
 * that was published. Reading an event back decodes it with the platform's codec, as the listener did when it
 * arrived.
 */
@Component
public class EventArchiveTable implements EventArchive {

    private static final Logger log = LoggerFactory.getLogger(EventArchiveTable.class);
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String COLUMNS =
            """
            topic, kafka_partition, kafka_offset, event_id, event_type, event_version, case_id, occurred_at,
            actor_subject, actor_role, correlation_id, causation_id, payload::text as payload, received_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final IntegrationEventCodec codec;

    EventArchiveTable(JdbcClient jdbc, DataSource dataSource, IntegrationEventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1_000);
    }

    /**
     * The archive's rows of the events in {@code :rows} ({@link #rows}: a JSON array), inserted in its order, each
     * unless its event id is there already.
     */
    private static final String INSERT =
            """
            insert into event_archive (topic, kafka_partition, kafka_offset, event_id, event_type, event_version,
                case_id, occurred_at, actor_subject, actor_role, correlation_id, causation_id, payload, received_at)
            select topic, kafka_partition, kafka_offset, event_id, event_type, event_version, case_id, occurred_at,
                actor_subject, actor_role, correlation_id, causation_id, payload, received_at
            from jsonb_to_recordset(cast(:rows as jsonb)) as r(n integer, topic text, kafka_partition integer,
                kafka_offset bigint, event_id uuid, event_type text, event_version integer, case_id uuid,
                occurred_at timestamptz, actor_subject text, actor_role text, correlation_id text, causation_id text,
                payload jsonb, received_at timestamptz)
            order by n
            on conflict (event_id) do nothing""";

    @Override
    public boolean keep(ArchivedEvent event) {
        return jdbc.sql(INSERT).param("rows", rows(List.of(event))).update() == 1;
    }

    /**
     * {@link #keepAllAndRead}'s statement. Its cases' earlier rows are read by {@code case_id = any(array(...))}, not
     * {@code in (select ...)}: PostgreSQL 15 cannot count the rows the insert will return, guessed 100 for the
     * semi-join and read all of the archive on every poll (a hash join over a sequential scan, seen on archives of
     * 20,000 and 44,000 rows: 8-9 ms a poll, half of that server's time, in a 3,000-case run). PostgreSQL 17, which the
     * project runs, makes the inserted cases unique and looks each up in the index either way; an array is looked up in
     * {@code event_archive_case} on both. Public for the test that reads its plan (OperationsServiceIT).
     */
    public static final String KEEP_ALL_AND_READ = "with kept as (" + INSERT + " returning " + COLUMNS + ")"
            + " select true as new, " + COLUMNS + " from kept"
            + " union all select false, " + COLUMNS + " from event_archive"
            + " where case_id = any(array(select case_id from kept))";

    /**
     * The poll's events inserted and their cases' histories read in one statement: the rows the insert returns (the
     * events not archived before, marked new), and the rows archived before them of every case that gained one (the
     * statement's snapshot does not hold its own inserts). The events travel as one JSON array, inserted in its order.
     */
    @Override
    public Kept keepAllAndRead(List<ArchivedEvent> events) {
        if (events.isEmpty()) {
            return new Kept(Set.of(), Map.of());
        }
        Set<UUID> kept = new LinkedHashSet<>();
        Map<UUID, List<ArchivedEvent>> byCase = new LinkedHashMap<>();
        List<ArchivedEvent> row = new ArrayList<>(1);
        jdbc.sql(KEEP_ALL_AND_READ).param("rows", rows(events)).query((RowCallbackHandler) rs -> {
            read(rs, row);
            if (!row.isEmpty()) {
                ArchivedEvent event = row.removeFirst();
                if (rs.getBoolean("new")) {
                    kept.add(event.eventId());
                }
                byCase.computeIfAbsent(event.caseId(), caseId -> new ArrayList<>())
                        .add(event);
            }
        });
        Map<UUID, CaseHistory> histories = new LinkedHashMap<>();
        byCase.forEach((caseId, history) -> histories.put(caseId, CaseHistory.of(caseId, history)));
        return new Kept(kept, histories);
    }

    /** The events as the JSON array {@link #INSERT} inserts from, each with its place in the list. */
    private static String rows(List<ArchivedEvent> events) {
        ArrayNode rows = json.createArrayNode();
        for (int n = 0; n < events.size(); n++) {
            ArchivedEvent event = events.get(n);
            EventEnvelope<IntegrationEvent> envelope = event.envelope();
            rows.addObject()
                    .put("n", n)
                    .put("topic", event.topic())
                    .put("kafka_partition", event.partition())
                    .put("kafka_offset", event.offset())
                    .put("event_id", envelope.eventId().toString())
                    .put("event_type", envelope.type())
                    .put("event_version", envelope.version())
                    .put("case_id", envelope.caseId().value().toString())
                    .put("occurred_at", envelope.occurredAt().toString())
                    .put("actor_subject", envelope.actor().subject())
                    .put("actor_role", envelope.actor().role())
                    .put("correlation_id", envelope.correlationId())
                    .put("causation_id", envelope.causationId())
                    .putRawValue("payload", new RawValue(event.payloadJson()))
                    .put("received_at", event.receivedAt().toString());
        }
        return rows.toString();
    }

    @Override
    public CaseHistory historyOf(UUID caseId) {
        List<ArchivedEvent> events = new ArrayList<>();
        jdbc.sql("select " + COLUMNS + " from event_archive where case_id = :caseId")
                .param("caseId", caseId)
                .query((RowCallbackHandler) rs -> read(rs, events));
        return CaseHistory.of(caseId, events);
    }

    /** Streams the archive ordered by case; call it inside a transaction (PostgreSQL's cursor needs one). */
    @Override
    public void forEachCase(Consumer<CaseHistory> action) {
        List<ArchivedEvent> events = new ArrayList<>();
        UUID[] current = {null};
        streaming.query("select " + COLUMNS + " from event_archive order by case_id", rs -> {
            UUID caseId = rs.getObject("case_id", UUID.class);
            if (current[0] != null && !current[0].equals(caseId)) {
                action.accept(CaseHistory.of(current[0], events));
                events.clear();
            }
            current[0] = caseId;
            read(rs, events);
        });
        if (current[0] != null) {
            action.accept(CaseHistory.of(current[0], events));
        }
    }

    @Override
    public int eraseStaffText(UUID caseId) {
        int changed = 0;
        for (Map.Entry<String, String> text : STAFF_TEXT.entrySet()) {
            changed += jdbc.sql(
                            """
                    update event_archive
                       set payload = jsonb_set(payload, array[cast(:field as text)], to_jsonb(cast(:erased as text)))
                     where case_id = :caseId and event_type = :type
                       and payload ->> :field is not null and payload ->> :field <> :erased
                    """)
                    .param("field", text.getValue())
                    .param("erased", Personal.ERASED)
                    .param("caseId", caseId)
                    .param("type", text.getKey())
                    .update();
        }
        return changed;
    }

    @Override
    public long size() {
        return jdbc.sql("select count(*) from event_archive").query(Long.class).single();
    }

    /**
     * Adds the row's event to {@code events}; an event this build can no longer decode (a type or version it does not
     * know: only after a downgrade) is left out with a warning, never guessed at.
     */
    private void read(ResultSet rs, List<ArchivedEvent> events) throws SQLException {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("eventId", rs.getString("event_id"));
        envelope.put("type", rs.getString("event_type"));
        envelope.put("version", rs.getInt("event_version"));
        envelope.put("caseId", rs.getString("case_id"));
        envelope.put("occurredAt", rs.getTimestamp("occurred_at").toInstant().toString());
        ObjectNode actor = envelope.putObject("actor");
        actor.put("subject", rs.getString("actor_subject"));
        actor.put("role", rs.getString("actor_role"));
        envelope.put("correlationId", rs.getString("correlation_id"));
        envelope.put("causationId", rs.getString("causation_id"));
        String payload = rs.getString("payload");
        envelope.set("payload", json.readTree(payload));
        try {
            events.add(new ArchivedEvent(
                    rs.getString("topic"),
                    rs.getInt("kafka_partition"),
                    rs.getLong("kafka_offset"),
                    rs.getTimestamp("received_at").toInstant(),
                    codec.decode(envelope),
                    payload));
        } catch (MalformedEventException e) {
            log.warn(
                    "archived event {} cannot be decoded by this build, left out: {}",
                    envelope.get("eventId"),
                    e.getMessage());
        }
    }
}
