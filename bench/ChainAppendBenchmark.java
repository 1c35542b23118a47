// What the hash chain costs an append, with and without it in the same run, on the same PostgreSQL, run by
// bench/chain-benchmark.sh as a single-file Java program on service-platform's test classpath:
//   java -cp <classpath> bench/ChainAppendBenchmark.java [transactions per batch] [rounds] [threads]
// Two tables of the platform's schema side by side: domain_event_entry, written by the platform's chaining engine
// (PostgresEventStorage.engine: Axon's JDBC engine that hashes each event as it appends it), and a copy without the
// chain (create table ... (like domain_event_entry including all): same columns, defaults and indexes, no trigger),
// written by Axon's plain JDBC engine. Batches alternate between them round after round (the order flips every round,
// so drift and warm-up hit both alike).
//   1. "command": what every command does, from several threads at once: load the case's events (Axon's event
//      sourcing repository; the chaining engine also reads each event's hash) and append one event in the same
//      transaction;
//   2. "registration": three events per transaction for a new case (no load, no predecessor);
//   3. "raw batch": plain JDBC, 1,000 rows per commit and statement batch, no hash given: the chained table's trigger
//      hashes every row (what any writer other than the platform's engine costs), the worst case.
// Two variants, to locate the cost: -Dbench.storedColumn=true makes the unchained engine store 32 random bytes in
// chain_hash (what storing a hash costs apart from computing it), -Dbench.dropTrigger=true drops the chained table's
// fallback trigger (chain-benchmark.sh passes BENCH_OPTS to the JVM).
// Then the cost of the rest of the design on the chained table: one checkpoint over everything appended (events/s),
// and a full verification (events/s). Prints wall times, throughputs and the ratio chained / unchained.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.integrity.Checkpointer;
import pt.aima.platform.integrity.IntegrityVerifier;
import pt.aima.platform.integrity.PublishedCheckpoints;
import pt.aima.platform.integrity.SigningKey;

public class ChainAppendBenchmark {

    /** A registration-sized event (about 1 KB of JSON), as the services store them. */
    public record CaseNoted(String caseId, String applicant, String email, String region, String note, int members) {}

    static final String PAD = "x".repeat(700);

    public static void main(String[] args) throws Exception {
        int perBatch = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        DatabaseSettings database = LocalInfrastructure.shared()
                .createDatabase("chain_bench_" + UUID.randomUUID().toString().substring(0, 8));
        // a pool, as the services have: the trigger's plans are prepared once per connection, not per transaction
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(threads + 1);
        dataSource.setMinimumIdle(threads + 1);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("create table unchained_event (like domain_event_entry including all)");
            if (Boolean.getBoolean("bench.dropTrigger")) {
                System.out.println("variant: the chained table's fallback trigger dropped");
                c.createStatement().execute("drop trigger domain_event_entry_chain on domain_event_entry");
            }
            // its own global index sequence, so the chained table's indexes stay contiguous as in a service
            c.createStatement().execute("create sequence unchained_event_seq");
            c.createStatement().execute(
                    "alter table unchained_event alter column global_index set default nextval('unchained_event_seq')");
            var settings = c.createStatement().executeQuery(
                    "select version(), current_setting('synchronous_commit'), current_setting('fsync')");
            settings.next();
            System.out.printf("%s%nsynchronous_commit=%s fsync=%s; %d threads, %d transactions per batch, %d rounds%n%n",
                    settings.getString(1), settings.getString(2), settings.getString(3), threads, perBatch, rounds);
        }
        BACKENDS.addAll(backendPids(dataSource, threads + 1));
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        var serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        JdbcEventStorageEngine chained = PostgresEventStorage.engine(dataSource, transactions, serializer, serializer,
                NoOpEventUpcaster.INSTANCE, SnapshotFilter.allowAll());
        JdbcEventStorageEngine unchained = engine(dataSource, transactions, "unchained_event");
        ExecutorService pool = Executors.newFixedThreadPool(threads);

        // every case exists in both tables before the timed command batches (their events then have predecessors)
        int cases = perBatch;
        List<String> caseIds = new ArrayList<>();
        long[][] nextSequence = new long[2][cases];
        for (int i = 0; i < cases; i++) {
            caseIds.add(UUID.randomUUID().toString());
        }
        run(pool, threads, cases, i -> {
            transactions.executeInTransaction(() -> chained.appendEvents(List.of(event(caseIds.get(i), 0))));
            transactions.executeInTransaction(() -> unchained.appendEvents(List.of(event(caseIds.get(i), 0))));
            nextSequence[0][i] = 1;
            nextSequence[1][i] = 1;
        });
        // warm-up, not measured
        timed(pool, threads, cases, i -> command(transactions, chained, caseIds, nextSequence[0], i));
        timed(pool, threads, cases, i -> command(transactions, unchained, caseIds, nextSequence[1], i));

        Series command = new Series("command: load the case, append 1 event (Axon engine)", perBatch);
        Series registration = new Series("registration: 3 events of a new case (Axon engine)", perBatch);
        Series raw = new Series("raw batch, 1,000 rows per commit (JDBC; chained: the trigger)", perBatch * 5);
        for (int round = 0; round < rounds; round++) {
            boolean chainedFirst = round % 2 == 0;
            for (boolean chain : chainedFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                JdbcEventStorageEngine engine = chain ? chained : unchained;
                long[] sequences = nextSequence[chain ? 0 : 1];
                command.add(chain, timed(pool, threads, perBatch,
                        i -> command(transactions, engine, caseIds, sequences, i)));
                registration.add(chain, timed(pool, threads, perBatch, i -> {
                    String caseId = UUID.randomUUID().toString();
                    transactions.executeInTransaction(() -> engine.appendEvents(
                            List.of(event(caseId, 0), event(caseId, 1), event(caseId, 2))));
                }));
                raw.add(chain, rawBatch(dataSource, chain ? "domain_event_entry" : "unchained_event", perBatch * 5));
            }
        }
        pool.shutdown();
        System.out.println("append cost, chained vs unchained: median batch of " + rounds + " rounds each; ratio = median of"
                + " the rounds' chained/unchained ratios (totals: ratio of the summed times)");
        command.print("tx");
        registration.print("tx");
        raw.print("rows");

        long events;
        try (Connection c = dataSource.getConnection()) {
            var count = c.createStatement().executeQuery("select count(*) from domain_event_entry");
            count.next();
            events = count.getLong(1);
        }
        SigningKey key = SigningKey.generate();
        Checkpointer checkpointer = new Checkpointer("bench", dataSource, key, checkpoint -> {}, Duration.ofMinutes(10), 100_000);
        long t0 = System.nanoTime();
        int checkpoints = checkpointer.run().size();
        double checkpointSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        var report = new IntegrityVerifier("bench", key.publicKey(), null, IntegrityVerifier.Progress.NONE)
                .verify(dataSource.getConnection(), PublishedCheckpoints::notRead);
        double verifySeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%ncheckpoint over %d events: %d checkpoint(s) in %.2f s (%.0f events/s)%n",
                events, checkpoints, checkpointSeconds, events / checkpointSeconds);
        System.out.printf("full verification of %d events: %.2f s (%.0f events/s), %s, %d findings%n",
                report.events(), verifySeconds, report.events() / verifySeconds, report.status(), report.findings().size());
        report.findings().stream().limit(5).forEach(finding -> System.out.println("  " + finding));
        dataSource.close();
        LocalInfrastructure.shared().close();
        System.exit(report.intact() ? 0 : 1);
    }

    /**
     * A command on case {@code i}: its events loaded as Axon's repository loads an aggregate, then its next event
     * appended, in one transaction (each table keeps its own sequence per case).
     */
    static void command(TransactionManager transactions, JdbcEventStorageEngine engine, List<String> caseIds,
            long[] nextSequence, int i) {
        long sequence = nextSequence[i]++;
        transactions.executeInTransaction(() -> {
            long loaded = engine.readEvents(caseIds.get(i), 0).asStream().count();
            if (loaded != sequence) {
                throw new IllegalStateException("case " + i + " has " + loaded + " events, expected " + sequence);
            }
            engine.appendEvents(List.of(event(caseIds.get(i), sequence)));
        });
    }

    static GenericDomainEventMessage<CaseNoted> event(String caseId, long sequence) {
        return new GenericDomainEventMessage<>("ReunificationCase", caseId, sequence,
                new CaseNoted(caseId, "Maria da Silva Santos", "maria.santos@example.pt", "LISBOA", PAD, 3),
                MetaData.with("aima.actor.subject", "caseworker-17")
                        .and("aima.actor.role", "CASEWORKER")
                        .and("aima.correlationId", UUID.randomUUID().toString())
                        .and("aima.causationId", UUID.randomUUID().toString())
                        .and("traceparent", "00-" + UUID.randomUUID().toString().replace("-", "") + "-0123456789abcdef-01"));
    }

    static JdbcEventStorageEngine engine(DataSource dataSource, TransactionManager transactions, String table) {
        var serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactions)
                .schema(EventSchema.builder()
                        .eventTable(table)
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
                        .build())
                .dataType(byte[].class)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
        if (Boolean.getBoolean("bench.storedColumn")) {
            System.out.println("variant: the unchained engine stores 32 random bytes in chain_hash (no hash computed)");
            return new StoredColumnOnly(builder, table);
        }
        return builder.build();
    }

    /**
     * Axon's engine writing the chain_hash column with 32 random bytes and computing nothing: the baseline that tells
     * what storing a hash costs apart from computing and chaining it.
     */
    static final class StoredColumnOnly extends JdbcEventStorageEngine {
        final String insert;

        StoredColumnOnly(JdbcEventStorageEngine.Builder builder, String table) {
            super(builder);
            insert = "insert into " + table + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data, chain_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        }

        @Override
        protected PreparedStatement appendEvents(Connection connection,
                List<? extends org.axonframework.eventhandling.EventMessage<?>> events,
                org.axonframework.serialization.Serializer serializer) throws java.sql.SQLException {
            PreparedStatement statement = connection.prepareStatement(insert);
            byte[] hash = new byte[32];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(hash);
            for (var message : events) {
                var event = (org.axonframework.eventhandling.DomainEventMessage<?>) message;
                var payload = event.serializePayload(serializer, byte[].class);
                var metaData = event.serializeMetaData(serializer, byte[].class);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, event.getAggregateIdentifier());
                statement.setLong(3, event.getSequenceNumber());
                statement.setString(4, event.getType());
                statement.setString(5, org.axonframework.common.DateTimeUtils.formatInstant(event.getTimestamp()));
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setBytes(8, payload.getData());
                statement.setBytes(9, metaData.getData());
                statement.setBytes(10, hash);
                statement.addBatch();
            }
            return statement;
        }
    }

    interface Task {
        void run(int i) throws Exception;
    }

    static void run(ExecutorService pool, int threads, int count, Task task) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = thread; i < count; i += threads) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    /** The PostgreSQL backends of the pool's connections (the pool keeps them open: minimum idle = maximum). */
    static final List<Integer> BACKENDS = new ArrayList<>();

    /** CPU seconds the worker threads (client side) and the pool's backends (PostgreSQL) used in the last batch. */
    static double lastClientCpu;
    static double lastServerCpu;

    static List<Integer> backendPids(DataSource dataSource, int connections) throws Exception {
        List<Connection> held = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Connection c = dataSource.getConnection();
            held.add(c);
            var pid = c.createStatement().executeQuery("select pg_backend_pid()");
            pid.next();
            pids.add(pid.getInt(1));
        }
        for (Connection c : held) {
            c.close();
        }
        return pids;
    }

    /** utime + stime of the backends in seconds (/proc, clock ticks of 10 ms), 0 where /proc cannot tell. */
    static double serverCpu() {
        double ticks = 0;
        for (int pid : BACKENDS) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
        return ticks / 100.0;
    }

    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    static double timed(ExecutorService pool, int threads, int count, Task task) throws Exception {
        double server = serverCpu();
        long[] client = new long[1];
        long t0 = System.nanoTime();
        run(pool, threads, count, i -> {
            long before = CPU.getCurrentThreadCpuTime();
            task.run(i);
            synchronized (client) {
                client[0] += CPU.getCurrentThreadCpuTime() - before;
            }
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        lastClientCpu = client[0] / 1e9;
        lastServerCpu = serverCpu() - server;
        return wall;
    }

    static double rawBatch(DataSource dataSource, String table, int rows) throws Exception {
        double server = serverCpu();
        long client = CPU.getCurrentThreadCpuTime();
        double wall = rawBatchTimed(dataSource, table, rows);
        lastClientCpu = (CPU.getCurrentThreadCpuTime() - client) / 1e9;
        lastServerCpu = serverCpu() - server;
        return wall;
    }

    static double rawBatchTimed(DataSource dataSource, String table, int rows) throws Exception {
        byte[] payload = new ObjectMapper().writeValueAsBytes(
                new CaseNoted(UUID.randomUUID().toString(), "Maria da Silva Santos", "maria.santos@example.pt", "LISBOA", PAD, 3));
        byte[] meta = ("{\"aima.actor.subject\":\"operator-1\",\"aima.actor.role\":\"OPERATIONS\",\"x\":\""
                + "m".repeat(150) + "\"}").getBytes();
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into " + table
                    + " (event_identifier, aggregate_identifier, sequence_number, type, payload_type, payload_revision,"
                    + " payload, meta_data, time_stamp) values (?, ?, 0, 'ReunificationCase', 'bench.CaseNoted', '1', ?, ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setBytes(3, payload);
                    insert.setBytes(4, meta);
                    insert.setString(5, Instant.now().toString());
                    insert.addBatch();
                    if (i % 1000 == 0 || i == rows) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Wall times of one workload's batches, chained and unchained. */
    static final class Series {
        final String name;
        final int perBatch;
        final List<Double> chained = new ArrayList<>();
        final List<Double> unchained = new ArrayList<>();

        Series(String name, int perBatch) {
            this.name = name;
            this.perBatch = perBatch;
        }

        final double[] clientCpu = new double[2];
        final double[] serverCpu = new double[2];

        void add(boolean chain, double seconds) {
            (chain ? chained : unchained).add(seconds);
            clientCpu[chain ? 0 : 1] += lastClientCpu;
            serverCpu[chain ? 0 : 1] += lastServerCpu;
        }

        /**
         * Medians of each variant, the median of the rounds' own ratios (each round runs both back to back, so a load
         * that drifts over minutes cancels out), and the ratio of the totals.
         */
        void print(String unit) {
            double c = median(chained);
            double u = median(unchained);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(chained.size(), unchained.size()); i++) {
                ratios.add(chained.get(i) / unchained.get(i));
            }
            double ct = chained.stream().mapToDouble(Double::doubleValue).sum();
            double ut = unchained.stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("  %-62s chained %6.3f s (%6.0f %s/s)  unchained %6.3f s (%6.0f %s/s)  ratio %.3f"
                            + " (totals %.3f)%n",
                    name, c, perBatch / c, unit, u, perBatch / u, unit, median(ratios), ct / ut);
            int batches = chained.size();
            System.out.printf("  %-62s CPU per %s: chained %5.0f µs (Java %4.0f + PostgreSQL %4.0f), unchained %5.0f µs"
                            + " (Java %4.0f + PostgreSQL %4.0f)  ratio %.3f%n",
                    "", unit.equals("tx") ? "transaction" : "row",
                    1e6 * (clientCpu[0] + serverCpu[0]) / (batches * perBatch),
                    1e6 * clientCpu[0] / (batches * perBatch), 1e6 * serverCpu[0] / (batches * perBatch),
                    1e6 * (clientCpu[1] + serverCpu[1]) / (batches * perBatch),
                    1e6 * clientCpu[1] / (batches * perBatch), 1e6 * serverCpu[1] / (batches * perBatch),
                    (clientCpu[0] + serverCpu[0]) / (clientCpu[1] + serverCpu[1]));
        }

        static double median(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
    }
}
