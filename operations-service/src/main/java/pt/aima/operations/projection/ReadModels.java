package pt.aima.operations.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.archive.CaseHistory;
import pt.aima.operations.archive.EventArchive;
import pt.aima.operations.casefile.CaseFile;

/**
 * Keeps every read model of this service derived from the event archive, live and on demand.
 *
 * <p>Live: arriving events are archived and each of their cases' read-model rows recomputed once from the case's whole
 * archived history, in the inbox transaction and under a lock on the case (an advisory lock in PostgreSQL): events of
 * one case arrive on several topics, and two consumers projecting the same case at once would each miss the other's
 * event. Since every projection folds the whole history in logical order, the rows are the same whatever the arrival
 * order, and whether a case's events come one poll each or several in one. Only the read models whose rows the new
 * events change are written ({@link CaseProjection#sameRows}): the rows of the others, written from the history
 * without them, are already right.
 *
 * <p>Rebuild: every read model emptied and recomputed from the archive alone, in one transaction, so readers see the
 * old rows until the new ones commit; live projection waits meanwhile (it takes the same lock shared, the rebuild
 * exclusively) and carries on where it was.
 */
@Component
public class ReadModels {

    private static final Logger log = LoggerFactory.getLogger(ReadModels.class);

    /** The two-key advisory lock every live projection holds shared and a rebuild holds exclusively. */
    private static final int LOCK_SPACE = 12_012;

    private static final int REBUILD_LOCK = 1;

    private final EventArchive archive;
    private final List<CaseProjection> projections;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ReadModels(
            EventArchive archive,
            List<CaseProjection> projections,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.archive = archive;
        this.projections = List.copyOf(projections);
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Takes what projecting events of these cases needs, until the transaction ends, in one statement: the rebuild's
     * lock shared and each case's exclusively. The cases' locks are taken in one fixed order (their keys', whatever
     * order the cases come in), so two transactions that each lock several cases (two consumers' batches, whose
     * topics' partitions may be spread over two instances) wait for one another but never deadlock; the rebuild's
     * lock and the cases' can come in any order, since a rebuild takes no case's lock.
     */
    public void lockCases(Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return;
        }
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock_shared(" + LOCK_SPACE + ", " + REBUILD_LOCK
                        + ")) rebuild, (select pg_advisory_xact_lock(lock_key) from (select distinct"
                        + " hashtextextended(case_id, 0) lock_key from unnest(string_to_array(:caseIds, ',')) case_id"
                        + " order by lock_key) in_order) cases")
                .param(
                        "caseIds",
                        caseIds.stream().map(UUID::toString).distinct().collect(Collectors.joining(",")))
                .query(Long.class)
                .single();
    }

    /**
     * Archives {@code events} and recomputes each of their cases' rows once, in every read model the case's new events
     * change; call it in the inbox transaction, after {@link #lockCases} with their cases. In a case whose applicant's
     * data was erased, what staff typed about the case is blanked ({@link EventArchive#eraseStaffText}) and every read
     * model's rows are written again.
     *
     * @return how many of the events were new to the archive (an event archived already changes nothing)
     */
    public int receiveAll(List<ArchivedEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        EventArchive.Kept kept = archive.keepAllAndRead(events);
        Map<CaseProjection, List<CaseProjection.Case>> writes = new LinkedHashMap<>();
        projections.forEach(projection -> writes.put(projection, new ArrayList<>()));
        for (CaseHistory history : kept.histories().values()) {
            if (history.events().stream()
                            .anyMatch(archived -> archived.envelope().payload() instanceof ApplicantDataErased)
                    && archive.eraseStaffText(history.caseId()) > 0) {
                // the applicant's data was erased: what staff typed about the case goes too, also when it arrives
                // later; the archive changed under the rows, so every read model is written again
                CaseHistory erased = archive.historyOf(history.caseId());
                CaseProjection.Case all = new CaseProjection.Case(erased, CaseFile.fold(erased));
                writes.values().forEach(cases -> cases.add(all));
            } else {
                changes(history, kept.events(), writes);
            }
        }
        writes.forEach((projection, cases) -> {
            if (!cases.isEmpty()) {
                projection.projectAll(cases);
            }
        });
        return kept.events().size();
    }

    /** What a rebuild did: the archive it read, the read models it wrote, and their checksums. */
    public record Rebuild(
            long events, long cases, Instant startedAt, Duration took, Map<String, TableChecksum> tables) {}

    /** A table's row count and a digest of all its rows (independent of their physical order). */
    public record TableChecksum(long rows, String md5) {}

    /** Empties every read model and recomputes it from the archive alone. */
    public Rebuild rebuild() {
        Instant started = clock.instant();
        long[] counts = new long[2];
        Map<String, TableChecksum> checksums = transaction.execute(status -> {
            lock("pg_advisory_xact_lock(" + LOCK_SPACE + ", " + REBUILD_LOCK + ")");
            for (String table : tables()) {
                jdbc.sql("delete from " + table).update();
            }
            projections.forEach(CaseProjection::emptied);
            archive.forEachCase(history -> {
                counts[0] += history.events().size();
                counts[1]++;
                project(history);
            });
            return checksumsNow();
        });
        Duration took = Duration.between(started, clock.instant());
        log.info("read models rebuilt from {} archived events of {} streams in {}", counts[0], counts[1], took);
        return new Rebuild(counts[0], counts[1], started, took, checksums);
    }

    /** Every read-model table's row count and digest, as committed now. */
    public Map<String, TableChecksum> checksums() {
        return transaction.execute(status -> checksumsNow());
    }

    /** The read-model tables, in the order the projections name them. */
    public List<String> tables() {
        List<String> tables = new ArrayList<>();
        projections.forEach(projection -> tables.addAll(projection.tables()));
        return tables;
    }

    private Map<String, TableChecksum> checksumsNow() {
        Map<String, TableChecksum> checksums = new LinkedHashMap<>();
        for (String table : tables()) {
            checksums.put(
                    table,
                    jdbc.sql("select count(*) as n, coalesce(md5(string_agg(h, '' order by h)), '') as d"
                                    + " from (select md5(t::text) as h from " + table + " t) rows")
                            .query((rs, row) -> new TableChecksum(rs.getLong("n"), rs.getString("d")))
                            .single());
        }
        return checksums;
    }

    /**
     * Adds the case to the writes of every read model whose rows {@code received}, the case's events new in {@code
     * history}, change: the history without them is what the rows were last written from (every event archived before
     * was projected in the inbox transaction that archived it, under the case's lock), so a projection whose rows are
     * the same for both is left alone.
     */
    private void changes(
            CaseHistory history, Set<UUID> received, Map<CaseProjection, List<CaseProjection.Case>> writes) {
        CaseFile file = CaseFile.fold(history);
        CaseHistory before = new CaseHistory(
                history.caseId(),
                history.events().stream()
                        .filter(archived -> !received.contains(archived.eventId()))
                        .toList());
        CaseFile beforeFile = CaseFile.fold(before);
        for (CaseProjection projection : projections) {
            if (!projection.sameRows(before, beforeFile, history, file)) {
                writes.get(projection).add(new CaseProjection.Case(history, file));
            }
        }
    }

    private void project(CaseHistory history) {
        CaseFile file = CaseFile.fold(history);
        for (CaseProjection projection : projections) {
            projection.project(history, file);
        }
    }

    private void lock(String call) {
        jdbc.sql("select 1 from (select " + call + ") locked")
                .query(Integer.class)
                .list();
    }
}
