package pt.aima.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A deterministic digest of a service's business outcome: the same legacy file imported into a fresh system with the
 * same clock, desks and policies gives the same checksum in every service. Each {@link OutcomePart}'s rows are
 * rendered as text (PostgreSQL's own text of each value, tab-separated, one line per row, {@code \N} for null,
 * backslash, tab and line breaks escaped) and hashed with SHA-256 in the query's order; the service's checksum is the
 * SHA-256 of the lines {@code name TAB rows TAB part-sha256} of its parts, sorted by name.
 *
 * <p>All parts are read in one repeatable-read, read-only transaction (one snapshot of the whole outcome), streamed
 * with a fetch size, so a national-scale store is digested without holding it in memory.
 */
public class OutcomeChecksum {

    public static final String ALGORITHM = "SHA-256";

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public OutcomeChecksum(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** One part's digest. */
    public record PartDigest(String name, String description, long rows, String sha256) {}

    /** The service's digest and its parts'. */
    public record Digest(String algorithm, String checksum, List<PartDigest> parts) {}

    public Digest digest(List<OutcomePart> parts) {
        List<OutcomePart> ordered =
                parts.stream().sorted(Comparator.comparing(OutcomePart::name)).toList();
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).name().equals(ordered.get(i - 1).name())) {
                throw new IllegalStateException(
                        "two outcome parts are named " + ordered.get(i).name());
            }
        }
        List<PartDigest> digests = snapshot.execute(status -> {
            List<PartDigest> done = new ArrayList<>();
            for (OutcomePart part : ordered) {
                done.add(digest(part));
            }
            return done;
        });
        MessageDigest whole = sha256();
        for (PartDigest part : digests) {
            whole.update(
                    (part.name() + '\t' + part.rows() + '\t' + part.sha256() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return new Digest(ALGORITHM, HexFormat.of().formatHex(whole.digest()), digests);
    }

    private PartDigest digest(OutcomePart part) {
        MessageDigest sha = sha256();
        long[] rows = {0};
        StringBuilder line = new StringBuilder();
        jdbc.query(part.sql(), (ResultSet rs) -> {
            int columns = rs.getMetaData().getColumnCount();
            line.setLength(0);
            for (int column = 1; column <= columns; column++) {
                if (column > 1) {
                    line.append('\t');
                }
                appendValue(line, rs, column);
            }
            line.append('\n');
            sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
            rows[0]++;
        });
        return new PartDigest(
                part.name(), part.description(), rows[0], HexFormat.of().formatHex(sha.digest()));
    }

    private static void appendValue(StringBuilder line, ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        if (value == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }
}
