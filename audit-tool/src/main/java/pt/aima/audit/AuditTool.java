package pt.aima.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import pt.aima.platform.integrity.Checkpoint;
import pt.aima.platform.integrity.CheckpointTopic;
import pt.aima.platform.integrity.Finding;
import pt.aima.platform.integrity.IntegrityReport;
import pt.aima.platform.integrity.IntegrityVerifier;
import pt.aima.platform.integrity.KafkaCheckpointClients;
import pt.aima.platform.integrity.PublishedCheckpoints;
import pt.aima.platform.integrity.SigningKey;
import pt.aima.platform.integrity.TrustedKey;

/**
 * The auditor's check of every service's event store.
 *
 * <pre>
 * java -jar audit-tool.jar --store application-service=jdbc:postgresql://db:5432/application_service \
 *                          --store document-service=jdbc:postgresql://db:5432/document_service ... \
 *                          [--user U] [--password P] [--kafka broker:9092] [--trust application-service=KEY]... \
 *                          [--max-checkpoint-lag 5m]
 * </pre>
 *
 * For each store: its signed checkpoints (table and, with {@code --kafka}, the copies on
 * {@code aima.<service>.checkpoints.v1}), every event's hash chain, and every checkpoint's digest, with a progress bar;
 * then each finding on its own line. A service's key is the one given with {@code --trust} (base64 X.509, a PEM file
 * or {@code @file}); without it, the key of the first checkpoint published on the topic (or in the table), which the
 * tool prints so it can be pinned next time. Exit status 0: every store intact; 1: something was found; 2: a store or
 * the broker could not be read, or the command line is wrong.
 */
public final class AuditTool {

    static final int INTACT = 0;
    static final int FOUND = 1;
    static final int UNVERIFIED = 2;

    private static final Duration KAFKA_PATIENCE = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private volatile boolean barOnLine;

    AuditTool(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        System.exit(new AuditTool(System.out, System.err, System.console() != null).run(args));
    }

    /** One store to verify: the service's name and its database. */
    record Store(String service, String jdbcUrl) {}

    int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("audit-tool: " + e.getMessage());
            err.println(Options.USAGE);
            return UNVERIFIED;
        }
        int status = INTACT;
        Map<String, IntegrityReport> reports = new LinkedHashMap<>();
        for (Store store : options.stores()) {
            try {
                IntegrityReport report = verify(store, options);
                reports.put(store.service(), report);
                print(report);
                if (!report.intact()) {
                    status = FOUND;
                } else if (options.kafka() != null && !report.publishedCopies().equals("CHECKED") && status == INTACT) {
                    status = UNVERIFIED;
                }
            } catch (SQLException | RuntimeException e) {
                endBar();
                err.println("audit-tool: " + store.service() + " could not be verified: " + e.getMessage());
                if (status == INTACT) {
                    status = UNVERIFIED;
                }
            }
        }
        out.println();
        reports.forEach((service, report) -> out.printf(
                "%-24s %-8s %9d events %5d findings%n",
                service, report.status(), report.events(), report.findings().size()));
        out.println(
                switch (status) {
                    case INTACT -> "every store is intact";
                    case FOUND -> "TAMPERING FOUND: see the findings above";
                    default -> "NOT VERIFIED: see the errors above";
                });
        return status;
    }

    private IntegrityReport verify(Store store, Options options) throws SQLException {
        out.println("== " + store.service() + " (" + store.jdbcUrl() + ")");
        String topic = Checkpoint.topic(store.service());
        TrustedKey key;
        try (Connection connection = connect(store, options)) {
            key = options.trusted().get(store.service());
            if (key == null) {
                key = firstSeenKey(store, connection, options, topic).orElse(null);
            }
            if (key == null) {
                out.println("   no checkpoint yet, in the table or on " + topic + ": checking the chains only");
                key = SigningKey.generate().publicKey();
            }
            TrustedKey trusted = key;
            IntegrityVerifier.Progress progress = new IntegrityVerifier.Progress() {
                private String phase;
                private long total;
                private long started;

                @Override
                public void phase(String name, long rows) {
                    if (phase != null) {
                        endBar();
                    }
                    phase = name;
                    total = rows;
                    started = System.nanoTime();
                    bar(phase, 0, total, started);
                }

                @Override
                public void advanced(long done) {
                    bar(phase, done, total, started);
                }
            };
            IntegrityReport report = new IntegrityVerifier(
                            store.service(), trusted, options.maxCheckpointLag(), progress)
                    .verify(
                            connection,
                            () -> options.kafka() == null
                                    ? PublishedCheckpoints.notRead()
                                    : CheckpointTopic.read(
                                            KafkaCheckpointClients.readers(options.kafka()), topic, KAFKA_PATIENCE));
            endBar();
            return report;
        }
    }

    /**
     * The key of the first checkpoint published on the topic (or, without Kafka or records, the first in the table):
     * trust on first use, printed so the auditor can pin it with {@code --trust}.
     */
    private Optional<TrustedKey> firstSeenKey(Store store, Connection connection, Options options, String topic)
            throws SQLException {
        if (options.kafka() != null) {
            PublishedCheckpoints published =
                    CheckpointTopic.read(KafkaCheckpointClients.readers(options.kafka()), topic, KAFKA_PATIENCE);
            for (PublishedCheckpoints.Entry entry : published.entries()) {
                if (entry.checkpoint() != null && entry.checkpoint().publicKey() != null) {
                    return Optional.of(
                            pinHint(store, entry.checkpoint().publicKey(), topic + " (offset " + entry.offset() + ")"));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                        "select public_key from integrity_checkpoint order by checkpoint_number limit 1");
                ResultSet result = select.executeQuery()) {
            if (result.next()) {
                return Optional.of(pinHint(store, result.getString(1), "its checkpoint table"));
            }
        }
        return Optional.empty();
    }

    private TrustedKey pinHint(Store store, String publicKey, String where) {
        TrustedKey key = TrustedKey.fromBase64(publicKey);
        out.println("   trusting key " + key.keyId() + " as first seen in " + where + "; pin it with --trust "
                + store.service() + "=" + key.base64());
        return key;
    }

    private static Connection connect(Store store, Options options) throws SQLException {
        Properties properties = new Properties();
        if (options.user() != null) {
            properties.setProperty("user", options.user());
        }
        if (options.password() != null) {
            properties.setProperty("password", options.password());
        }
        properties.setProperty("ApplicationName", "aima-audit-tool");
        return DriverManager.getConnection(store.jdbcUrl(), properties);
    }

    private void print(IntegrityReport report) {
        out.printf(
                "   %s: %d events in %d streams; %d checkpoint(s) verified%s; published copies %s%n",
                report.status(),
                report.events(),
                report.streams(),
                report.checkpoints(),
                report.latestCheckpoint() == null
                        ? ""
                        : " (latest #" + report.latestCheckpoint() + " up to global index " + report.checkpointedUpTo()
                                + ")",
                report.publishedCopies());
        for (String note : report.notes()) {
            out.println("   note: " + note);
        }
        for (Finding finding : report.findings()) {
            StringBuilder where = new StringBuilder();
            if (finding.aggregate() != null) {
                where.append(" aggregate ").append(finding.aggregate());
            }
            if (finding.sequence() != null) {
                where.append(" sequence ").append(finding.sequence());
            }
            if (finding.globalIndex() != null) {
                where.append(" global index ").append(finding.globalIndex());
            }
            if (finding.checkpoint() != null) {
                where.append(" checkpoint #").append(finding.checkpoint());
            }
            out.println("   " + finding.kind() + where + ": " + finding.detail());
        }
    }

    /** {@code chains      [##########....................]  33% 120000/360000 41234 rows/s} */
    private void bar(String label, long done, long total, long startedNanos) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        String line = String.format(
                "   %-11s [%s%s] %3d%% %d/%d %.0f rows/s",
                label,
                "#".repeat(filled),
                ".".repeat(width - filled),
                Math.round(fraction * 100),
                done,
                total,
                done / seconds);
        if (interactive) {
            out.print("\r" + line + "   ");
            out.flush();
            barOnLine = true;
        } else if (done == 0 || done >= total) {
            out.println(line);
        }
    }

    private void endBar() {
        if (barOnLine) {
            out.println();
            barOnLine = false;
        }
    }

    /** The command line, checked before anything is read. */
    record Options(
            List<Store> stores,
            String user,
            String password,
            String kafka,
            Map<String, TrustedKey> trusted,
            Duration maxCheckpointLag) {

        static final String USAGE =
                """
                usage: java -jar audit-tool.jar --store <service>=<jdbc url> [--store ...]
                           [--user <db user>] [--password <db password>]   (default: AIMA_AUDIT_DB_USER, AIMA_AUDIT_DB_PASSWORD)
                           [--kafka <bootstrap servers>]                  (the checkpoint topics; without it only the tables)
                           [--trust <service>=<public key: base64, PEM file or @file>]...
                           [--max-checkpoint-lag <duration, e.g. 5m>]     (events older than this must be checkpointed; default 5m)""";

        static Options parse(String[] args) {
            List<Store> stores = new ArrayList<>();
            Map<String, TrustedKey> trusted = new LinkedHashMap<>();
            String user = System.getenv("AIMA_AUDIT_DB_USER");
            String password = System.getenv("AIMA_AUDIT_DB_PASSWORD");
            String kafka = null;
            Duration lag = Duration.ofMinutes(5);
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    throw new IllegalArgumentException("the options are");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--store" -> {
                        String[] pair = pair(option, value);
                        if (!pair[1].startsWith("jdbc:postgresql:")) {
                            throw new IllegalArgumentException(
                                    "--store " + pair[0] + " needs a jdbc:postgresql: URL, not " + pair[1]);
                        }
                        stores.add(new Store(pair[0], pair[1]));
                    }
                    case "--user" -> user = value;
                    case "--password" -> password = value;
                    case "--kafka" -> kafka = value;
                    case "--trust" -> {
                        String[] pair = pair(option, value);
                        trusted.put(pair[0], key(pair[1]));
                    }
                    case "--max-checkpoint-lag" -> lag = duration(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (stores.isEmpty()) {
                throw new IllegalArgumentException("name at least one store with --store <service>=<jdbc url>");
            }
            return new Options(stores, user, password, kafka, trusted, lag);
        }

        private static String[] pair(String option, String value) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(option + " takes <service>=<value>, not " + value);
            }
            return new String[] {value.substring(0, equals), value.substring(equals + 1)};
        }

        private static TrustedKey key(String value) {
            try {
                if (value.startsWith("@") || Files.isRegularFile(Path.of(value))) {
                    return TrustedKey.fromBase64(
                            Files.readString(Path.of(value.startsWith("@") ? value.substring(1) : value)));
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("cannot read the key file " + value + ": " + e.getMessage());
            }
            return TrustedKey.fromBase64(value);
        }

        private static Duration duration(String value) {
            try {
                String text = value.strip().toLowerCase(java.util.Locale.ROOT);
                if (text.matches("\\d+[smhd]")) {
                    long amount = Long.parseLong(text.substring(0, text.length() - 1));
                    return switch (text.charAt(text.length() - 1)) {
                        case 's' -> Duration.ofSeconds(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        case 'h' -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
                }
                return Duration.parse(value);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--max-checkpoint-lag takes a duration like 5m or PT5M, not " + value);
            }
        }
    }
}
