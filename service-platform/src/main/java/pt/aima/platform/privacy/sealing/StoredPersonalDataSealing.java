package pt.aima.platform.privacy.sealing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.platform.eventstore.StoredTypeSerializer;
import pt.aima.platform.integrity.EventHash;
import pt.aima.platform.integrity.Reseal;
import pt.aima.platform.integrity.SigningKey;
import pt.aima.platform.integrity.StoredEvent;
import pt.aima.platform.privacy.PersonalDataSerializer;

/**
 * Encrypts, in place, the personal fields of events stored before the service encrypted them, so that erasing their
 * data subject reaches those events too: the sweep reads the store in global-index order, from where the last sweep
 * for the same personal fields stopped, and rewrites each such event's payload as the event store writes it today
 * ({@link PersonalDataSerializer#sealStored}). An event whose subject was already erased is sealed under a key thrown
 * away at once, so it reads as erased like the rest of the subject's history.
 *
 * <p>The events keep their chain hashes: each batch is one transaction that rewrites the payloads and stores a {@link
 * Reseal} statement signed with the service's checkpoint key, binding each event's stored hash to the hash of its new
 * bytes, which is how a verifier accepts them. An event whose bytes do not match its chain hash is never resealed
 * (that would launder a change): it is left as it is, counted and logged, and the verifier keeps reporting it.
 *
 * <p>Where the sweep got is kept per set of personal fields ({@code personal_data_sealing}): a personal field added
 * to an event type later starts a new sweep from the first event. Instances of a service take turns: a batch holds
 * that row's lock. Events of an older revision than today's are left in clear and counted (their JSON may not have
 * the fields the annotations name); events appended while the sweep runs are already written sealed.
 */
public final class StoredPersonalDataSealing {

    private static final Logger log = LoggerFactory.getLogger(StoredPersonalDataSealing.class);

    static final String REASON = "personal fields stored in clear before the service encrypted them, encrypted under"
            + " their data subject's key so that erasing the subject reaches them";

    /** What one batch did. */
    public record Batch(int examined, int sealed, int notIntact, int olderRevision, int noSubject, boolean finished) {}

    /** What the sweeps of this service did so far, as health and the log show it. */
    public record Progress(String personalFields, long sweptUpTo, long sealedTotal) {}

    private final String service;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final PersonalDataSerializer personal;
    private final SigningKey key;
    private final Clock clock;
    private final int batchSize;
    private final String fingerprint;
    private final Map<String, Class<?>> personalTypes = new TreeMap<>();
    /** Today's revision of each of {@link #personalTypes}, by stored name. */
    private final Map<String, String> revisions = new TreeMap<>();

    private final JdbcClient jdbc;

    public StoredPersonalDataSealing(
            String service,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            StoredTypeSerializer serializer,
            SigningKey key,
            Clock clock,
            int batchSize) {
        if (!(serializer.delegate() instanceof PersonalDataSerializer personalData)) {
            throw new IllegalArgumentException("the event serializer does not encrypt personal data");
        }
        this.service = service;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactions);
        this.personal = personalData;
        this.key = key;
        this.clock = clock;
        this.batchSize = batchSize;
        this.jdbc = JdbcClient.create(dataSource);
        StringBuilder fields = new StringBuilder();
        serializer.types().byName().forEach((name, type) -> {
            if (personal.holdsPersonalData(type)) {
                personalTypes.put(name, type);
                revisions.put(name, serializer.revisionOf(type));
            }
        });
        personalTypes.forEach((name, type) -> fields.append(name)
                .append('@')
                .append(revisions.get(name))
                .append('=')
                .append(personal.personalFieldsOf(type))
                .append('\n'));
        MessageDigest sha256 = EventHash.sha256();
        this.fingerprint = EventHash.hex(sha256.digest(fields.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    /** The stored type names whose events can hold personal fields. */
    public List<String> personalTypes() {
        return List.copyOf(personalTypes.keySet());
    }

    /** Seals every event stored in clear up to the store's last event now; returns how many were sealed. */
    public long sweep() {
        if (personalTypes.isEmpty()) {
            return 0;
        }
        long target = lastGlobalIndex();
        long sealed = 0;
        int notIntact = 0;
        int olderRevision = 0;
        int noSubject = 0;
        Batch batch;
        do {
            batch = transactions.execute(status -> sealNextBatch(target));
            sealed += batch.sealed();
            notIntact += batch.notIntact();
            olderRevision += batch.olderRevision();
            noSubject += batch.noSubject();
            if (batch.sealed() > 0) {
                log.info(
                        "{}: sealed {} event(s) stored with personal data in clear ({} so far)",
                        service,
                        batch.sealed(),
                        sealed);
            }
        } while (!batch.finished());
        if (notIntact + olderRevision + noSubject > 0) {
            log.warn(
                    "{}: left in clear: {} event(s) whose bytes no longer match their chain hash (see GET"
                            + " /audit/integrity), {} of an older revision, {} naming no data subject",
                    service,
                    notIntact,
                    olderRevision,
                    noSubject);
        }
        return sealed;
    }

    /** Where the sweep for today's personal fields got. */
    public Progress progress() {
        return jdbc.sql("select swept_up_to, sealed from personal_data_sealing where personal_fields = ?")
                .param(fingerprint)
                .query((row, n) -> new Progress(fingerprint, row.getLong(1), row.getLong(2)))
                .optional()
                .orElse(new Progress(fingerprint, 0, 0));
    }

    private long lastGlobalIndex() {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry")
                .query(Long.class)
                .single();
    }

    /** One batch, in the caller's transaction. */
    private Batch sealNextBatch(long target) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            long from = lockProgress(connection);
            if (from >= target) {
                return new Batch(0, 0, 0, 0, 0, true);
            }
            List<StoredEvent> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select " + StoredEvent.COLUMNS
                    + " from domain_event_entry where global_index > ? and global_index <= ? and payload_type = any(?)"
                    + " order by global_index limit ?")) {
                select.setLong(1, from);
                select.setLong(2, target);
                select.setArray(
                        3,
                        connection.createArrayOf(
                                "varchar", personalTypes.keySet().toArray()));
                select.setInt(4, batchSize);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(StoredEvent.read(row));
                    }
                }
            }
            long upTo = rows.size() < batchSize ? target : rows.getLast().globalIndex();
            List<Reseal.Entry> entries = new ArrayList<>();
            int notIntact = 0;
            int olderRevision = 0;
            int noSubject = 0;
            try (PreparedStatement update = connection.prepareStatement(
                            "update domain_event_entry set payload = ? where global_index = ?");
                    PreparedStatement predecessors = connection.prepareStatement("select chain_hash from"
                            + " domain_event_entry where aggregate_identifier = ? and sequence_number = ?")) {
                for (StoredEvent event : rows) {
                    Class<?> type = personalTypes.get(event.payloadType());
                    if (!revisions.get(event.payloadType()).equals(event.payloadRevision())) {
                        olderRevision++;
                        continue;
                    }
                    Optional<byte[]> sealed;
                    try {
                        sealed = personal.sealStored(type, event.payload());
                    } catch (IllegalStateException nobody) {
                        noSubject++;
                        continue;
                    }
                    if (sealed.isEmpty()) {
                        continue;
                    }
                    byte[] predecessor = predecessorHash(predecessors, event);
                    if (event.chainHash() == null
                            || !Arrays.equals(EventHash.chain(predecessor, event), event.chainHash())) {
                        log.error(
                                "{}: event {} of {} (global index {}) no longer matches its chain hash: not resealed",
                                service,
                                event.sequenceNumber(),
                                event.aggregateIdentifier(),
                                event.globalIndex());
                        notIntact++;
                        continue;
                    }
                    StoredEvent resealed = withPayload(event, sealed.get());
                    entries.add(new Reseal.Entry(
                            event.globalIndex(),
                            event.aggregateIdentifier(),
                            event.sequenceNumber(),
                            event.chainHash(),
                            EventHash.chain(predecessor, resealed)));
                    update.setBytes(1, sealed.get());
                    update.setLong(2, event.globalIndex());
                    update.addBatch();
                }
                if (!entries.isEmpty()) {
                    update.executeBatch();
                    Reseal.sign(service, Reseal.nextNumber(connection), clock.instant(), REASON, entries, key)
                            .insert(connection, entries);
                }
            }
            try (PreparedStatement advance = connection.prepareStatement("update personal_data_sealing set"
                    + " swept_up_to = ?, sealed = sealed + ?, updated_at = ? where personal_fields = ?")) {
                advance.setLong(1, upTo);
                advance.setLong(2, entries.size());
                advance.setTimestamp(3, Timestamp.from(clock.instant()));
                advance.setString(4, fingerprint);
                advance.executeUpdate();
            }
            return new Batch(rows.size(), entries.size(), notIntact, olderRevision, noSubject, upTo >= target);
        } catch (SQLException e) {
            throw new IllegalStateException("sealing stored personal data failed: " + e.getMessage(), e);
        }
    }

    /** Where the sweep for today's personal fields got, its row locked for this batch (created at 0 the first time). */
    private long lockProgress(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into personal_data_sealing"
                + " (personal_fields, swept_up_to, sealed, updated_at) values (?, 0, 0, ?) on conflict do nothing")) {
            insert.setString(1, fingerprint);
            insert.setTimestamp(2, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select swept_up_to from personal_data_sealing where personal_fields = ? for update")) {
            select.setString(1, fingerprint);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static byte[] predecessorHash(PreparedStatement predecessors, StoredEvent event) throws SQLException {
        if (event.sequenceNumber() == 0) {
            return EventHash.GENESIS;
        }
        predecessors.setString(1, event.aggregateIdentifier());
        predecessors.setLong(2, event.sequenceNumber() - 1);
        try (ResultSet row = predecessors.executeQuery()) {
            byte[] hash = row.next() ? row.getBytes(1) : null;
            return hash == null ? EventHash.GENESIS : hash;
        }
    }

    private static StoredEvent withPayload(StoredEvent event, byte[] payload) {
        return new StoredEvent(
                event.globalIndex(),
                event.eventIdentifier(),
                event.type(),
                event.aggregateIdentifier(),
                event.sequenceNumber(),
                event.payloadType(),
                event.payloadRevision(),
                event.timeStamp(),
                payload,
                event.metaData(),
                event.chainHash());
    }
}
