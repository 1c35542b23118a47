package pt.aima.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One AES-256-GCM data key per data subject (table {@code personal_data_key}), created the first time the subject's
 * personal data is stored and kept wrapped by the service's key-encryption key, so a copy of the database alone
 * reads no personal data either. {@link #erase} destroys the key: crypto-shredding.
 *
 * <p>Keys are never cached across transactions, so an erasure takes effect on every instance for every transaction
 * that starts after it commits. Within one transaction a subject's key is read once (an aggregate loaded, its events
 * appended and published in one unit of work would otherwise read it for every event). A new key joins the
 * transaction that stores the event it encrypts.
 */
public final class PersonalDataKeys {

    public enum State {
        /** No personal data of this subject was ever stored here. */
        UNKNOWN,
        ACTIVE,
        ERASED
    }

    /** Who erased a subject's data, when and why. */
    public record Erasure(String dataSubject, Instant erasedAt, String legalBasis, String erasedBy) {}

    /** Storing personal data of a subject whose key was destroyed: refused. */
    public static final class SubjectErased extends IllegalStateException {
        public SubjectErased(String subject) {
            super("the personal data of " + subject + " was erased; nothing personal may be stored for it again");
        }
    }

    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SecretKey keyEncryptionKey;
    private final String table;

    /**
     * @param schema where {@code personal_data_key} lives: named, because events are also read while a replay has
     *     pointed {@code search_path} elsewhere (a blue/green rebuild, an as-of replay)
     */
    public PersonalDataKeys(JdbcClient jdbc, byte[] keyEncryptionKey, String schema) {
        if (keyEncryptionKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256)");
        }
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        this.jdbc = jdbc;
        this.keyEncryptionKey = new SecretKeySpec(keyEncryptionKey, "AES");
        this.table = schema + ".personal_data_key";
    }

    /** Keys in the connection's current schema (where Flyway migrates the service). */
    public static PersonalDataKeys inCurrentSchema(JdbcClient jdbc, byte[] keyEncryptionKey) {
        return new PersonalDataKeys(
                jdbc,
                keyEncryptionKey,
                jdbc.sql("select current_schema()").query(String.class).single());
    }

    /** The subject's key, created if it has none; refused once the subject's data was erased. */
    public SecretKey keyFor(String subject) {
        Optional<SecretKey> existing = existingKey(subject);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        int created = jdbc.sql(
                        "insert into " + table + " (data_subject, wrapped_key) values (?, ?) on conflict do nothing")
                .params(subject, seal(keyEncryptionKey, fresh, subject))
                .update();
        if (created == 1) {
            SecretKey key = new SecretKeySpec(fresh, "AES");
            TransactionKeys.remember(this, subject, Optional.of(key));
            return key;
        }
        // Another transaction created it first (or erased the subject): the row now in the table decides.
        TransactionKeys.forget(this, subject);
        return existingKey(subject).orElseThrow(() -> new SubjectErased(subject));
    }

    /** The subject's key; empty when it never had one or when it was erased. */
    public Optional<SecretKey> existingKey(String subject) {
        Optional<SecretKey> known = TransactionKeys.known(this, subject);
        if (known != null) {
            return known;
        }
        Optional<SecretKey> read = readKey(subject);
        TransactionKeys.remember(this, subject, read);
        return read;
    }

    private Optional<SecretKey> readKey(String subject) {
        return jdbc.sql("select wrapped_key from " + table + " where data_subject = ?")
                .param(subject)
                .query((rs, row) -> Optional.ofNullable(rs.getBytes(1)))
                .optional()
                .flatMap(wrapped -> wrapped)
                .map(wrapped -> new SecretKeySpec(open(keyEncryptionKey, wrapped, subject), "AES"));
    }

    public State stateOf(String subject) {
        return jdbc.sql("select erased_at is not null from " + table + " where data_subject = ?")
                .param(subject)
                .query(Boolean.class)
                .optional()
                .map(erased -> erased ? State.ERASED : State.ACTIVE)
                .orElse(State.UNKNOWN);
    }

    public Optional<Erasure> erasureOf(String subject) {
        return jdbc.sql("select erased_at, legal_basis, erased_by from " + table
                        + " where data_subject = ? and erased_at is not null")
                .param(subject)
                .query((rs, row) ->
                        new Erasure(subject, rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /**
     * Destroys the subject's key (or records that none may be created, when it never had one).
     *
     * @return false when the subject's data was already erased: nothing changed
     */
    public boolean erase(String subject, String legalBasis, String erasedBy, Instant at) {
        TransactionKeys.forget(this, subject);
        return jdbc.sql("insert into " + table
                                + " as k (data_subject, wrapped_key, erased_at, legal_basis, erased_by)"
                                + " values (:subject, null, :at, :basis, :by)"
                                + " on conflict (data_subject) do update"
                                + " set wrapped_key = null, erased_at = :at, legal_basis = :basis,"
                                + " erased_by = :by where k.erased_at is null")
                        .param("subject", subject)
                        .param("at", Timestamp.from(at))
                        .param("basis", legalBasis)
                        .param("by", erasedBy)
                        .update()
                == 1;
    }

    /** A random key kept nowhere: what it seals is erased the moment it is sealed. */
    static SecretKey throwAwayKey() {
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        return new SecretKeySpec(fresh, "AES");
    }

    /** AES-256-GCM with a random 96-bit IV, bound to the subject: {@code iv ‖ ciphertext ‖ tag}. */
    static byte[] seal(SecretKey key, byte[] plaintext, String subject) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] open(SecretKey key, byte[] sealed, String subject) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data of " + subject + " could not be decrypted", e);
        }
    }
}
