package pt.aima.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;

/**
 * Data keys against a real PostgreSQL: a key is read once per transaction and never remembered past it, so an erasure
 * committed elsewhere holds for every later transaction.
 */
class PersonalDataKeysIT {

    private static final byte[] KEY_ENCRYPTION_KEY = new byte[PersonalDataKeys.KEY_BYTES];
    private static JdbcClient jdbc;
    private static JdbcClient elsewhere;
    private static PersonalDataKeys keys;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void table() {
        DatabaseSettings settings = LocalInfrastructure.shared().createDatabase("platform_personal_data_keys_it");
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(settings.jdbcUrl(), settings.username(), settings.password());
        jdbc = JdbcClient.create(dataSource);
        elsewhere = JdbcClient.create(
                new DriverManagerDataSource(settings.jdbcUrl(), settings.username(), settings.password()));
        jdbc.sql("drop table if exists personal_data_key").update();
        jdbc.sql(
                        """
                create table personal_data_key (
                    data_subject varchar(200) not null primary key, wrapped_key bytea,
                    created_at timestamptz not null default now(), erased_at timestamptz,
                    legal_basis varchar(2000), erased_by varchar(255),
                    constraint personal_data_key_erased check ((wrapped_key is null) = (erased_at is not null)))
                """)
                .update();
        keys = PersonalDataKeys.inCurrentSchema(jdbc, KEY_ENCRYPTION_KEY);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aKeyCreatedInATransactionIsTheOneStored() {
        String subject = "applicant-" + UUID.randomUUID();

        SecretKey created = transaction.execute(status -> {
            SecretKey key = keys.keyFor(subject);
            assertThat(keys.keyFor(subject).getEncoded()).isEqualTo(key.getEncoded());
            return key;
        });

        assertThat(keys.existingKey(subject))
                .get()
                .extracting(SecretKey::getEncoded)
                .isEqualTo(created.getEncoded());
        assertThat(keys.stateOf(subject)).isEqualTo(PersonalDataKeys.State.ACTIVE);
    }

    @Test
    void aTransactionReadsAKeyOnceAndTheNextSeesAnErasureCommittedMeanwhile() {
        String subject = "applicant-" + UUID.randomUUID();
        keys.keyFor(subject);

        transaction.executeWithoutResult(status -> {
            assertThat(keys.existingKey(subject)).isPresent();
            eraseElsewhere(subject);
            assertThat(keys.existingKey(subject))
                    .as("read once in this transaction")
                    .isPresent();
        });

        Optional<SecretKey> later = transaction.execute(status -> keys.existingKey(subject));
        assertThat(later).as("a later transaction").isEmpty();
        assertThat(keys.existingKey(subject)).as("outside a transaction").isEmpty();
        assertThatThrownBy(() -> transaction.execute(status -> keys.keyFor(subject)))
                .isInstanceOf(PersonalDataKeys.SubjectErased.class);
    }

    @Test
    void anErasureInTheTransactionHoldsAtOnceInIt() {
        String subject = "applicant-" + UUID.randomUUID();
        keys.keyFor(subject);

        transaction.executeWithoutResult(status -> {
            assertThat(keys.existingKey(subject)).isPresent();
            assertThat(keys.erase(subject, "retention ended", "operator-1", Instant.now()))
                    .isTrue();
            assertThat(keys.existingKey(subject)).isEmpty();
            assertThatThrownBy(() -> keys.keyFor(subject)).isInstanceOf(PersonalDataKeys.SubjectErased.class);
        });

        assertThat(keys.erasureOf(subject))
                .map(PersonalDataKeys.Erasure::legalBasis)
                .contains("retention ended");
    }

    @Test
    void aRolledBackKeyIsNotRemembered() {
        String subject = "applicant-" + UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            keys.keyFor(subject);
            status.setRollbackOnly();
        });

        assertThat(keys.stateOf(subject)).isEqualTo(PersonalDataKeys.State.UNKNOWN);
        Optional<SecretKey> afterwards = transaction.execute(status -> keys.existingKey(subject));
        assertThat(afterwards).isEmpty();
    }

    private static void eraseElsewhere(String subject) {
        elsewhere
                .sql("update personal_data_key set wrapped_key = null, erased_at = now(), legal_basis = 'test',"
                        + " erased_by = 'elsewhere' where data_subject = ?")
                .param(subject)
                .update();
    }
}
