package pt.aima.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.platform.eventstore.PostgresEventStorage;

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

    /** A message addressed to its case before the case's person was known: the case is whose data it is. */
    record Message(
            pt.aima.kernel.ids.CaseId caseId,
            @DataSubject(orElse = "caseId") String recipientId,
            @Personal String body) {}

    record Unaddressed(String caseId, @DataSubject String recipientId, @Personal String body) {}

    @Test
    void anEventWithoutItsSubjectIsEncryptedUnderTheComponentItsSubjectFallsBackToAndErasedWithIt() {
        var serializer = serializer();
        var caseId = pt.aima.kernel.ids.CaseId.newId();
        String applicant = "applicant-" + UUID.randomUUID();

        var toCase = transaction.execute(
                status -> serializer.serialize(new Message(caseId, null, "Olá, o seu pedido"), byte[].class));
        var toApplicant = transaction.execute(
                status -> serializer.serialize(new Message(caseId, applicant, "Olá outra vez"), byte[].class));

        assertThat(new String(toCase.getData(), StandardCharsets.UTF_8))
                .contains("\"subject\":\"caseId:" + caseId + "\"")
                .doesNotContain("Olá");
        assertThat(new String(toApplicant.getData(), StandardCharsets.UTF_8))
                .contains("\"subject\":\"" + applicant + "\"")
                .doesNotContain("Olá");
        assertThat(keys.stateOf("caseId:" + caseId)).isEqualTo(PersonalDataKeys.State.ACTIVE);
        transaction.executeWithoutResult(status -> assertThat(
                        serializer.<byte[], Message>deserialize(toCase).body())
                .isEqualTo("Olá, o seu pedido"));

        keys.erase("caseId:" + caseId, "retention ended", "operator-1", Instant.now());

        transaction.executeWithoutResult(status -> {
            assertThat(serializer.<byte[], Message>deserialize(toCase).body()).isEqualTo(Personal.ERASED);
            assertThat(serializer.<byte[], Message>deserialize(toApplicant).body())
                    .as("the applicant's own key is another")
                    .isEqualTo("Olá outra vez");
        });
        assertThatThrownBy(() -> serializer.serialize(new Unaddressed("case", null, "Olá"), byte[].class))
                .as("no subject and nothing to fall back to")
                .hasMessageContaining("personal data of nobody");
    }

    /** An event with an instant beside its personal words. */
    record Stamped(@DataSubject String applicantId, Instant at, @Personal String words) {}

    @Test
    void anInstantInAnEventWithPersonalDataIsStoredAndReadBackToTheNanosecond() {
        var serializer = serializer();
        var stamped =
                new Stamped("applicant-" + UUID.randomUUID(), Instant.parse("2026-12-06T09:00:00.123456789Z"), "Olá");

        var stored = transaction.execute(status -> serializer.serialize(stamped, byte[].class));

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("Olá");
        transaction.executeWithoutResult(status ->
                assertThat(serializer.<byte[], Stamped>deserialize(stored)).isEqualTo(stamped));
    }

    /** What staff typed about a case: the event names the case only, so the case's key is the data's. */
    record CaseNote(
            @DataSubject(indirect = true) pt.aima.kernel.ids.CaseId caseId, @Personal String note, Cause cause) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Decided.class, name = "Decided"),
        @JsonSubTypes.Type(value = DeskClosed.class, name = "DeskClosed")
    })
    sealed interface Cause permits Decided, DeskClosed {}

    record Decided(String outcome, @Personal String reasoning) implements Cause {}

    /** The same property name, not personal in this record (a desk's reason). */
    record DeskClosed(String deskId, String reasoning) implements Cause {}

    @Test
    void aCaseNoteIsEncryptedUnderTheCasesKeyIncludingTheRecordOfASealedComponentAndErasedWithIt() {
        var serializer = serializer();
        var caseId = pt.aima.kernel.ids.CaseId.newId();

        var decided = transaction.execute(status -> serializer.serialize(
                new CaseNote(caseId, "Nota de Ana", new Decided("GRANTED", "Razões de Ana")), byte[].class));
        var closed = transaction.execute(status -> serializer.serialize(
                new CaseNote(caseId, "Outra nota", new DeskClosed("desk-1", "Inundação")), byte[].class));

        assertThat(new String(decided.getData(), StandardCharsets.UTF_8))
                .contains("\"subject\":\"caseId:" + caseId + "\"")
                .contains("\"caseId\":\"" + caseId + "\"", "GRANTED", "\"kind\":\"Decided\"")
                .doesNotContain("Ana");
        assertThat(new String(closed.getData(), StandardCharsets.UTF_8))
                .contains("Inundação")
                .doesNotContain("Outra nota");
        transaction.executeWithoutResult(status -> assertThat(serializer.<byte[], CaseNote>deserialize(decided))
                .isEqualTo(new CaseNote(caseId, "Nota de Ana", new Decided("GRANTED", "Razões de Ana"))));

        keys.erase("caseId:" + caseId, "retention ended", "operator-1", Instant.now());

        transaction.executeWithoutResult(status -> {
            assertThat(serializer.<byte[], CaseNote>deserialize(decided))
                    .isEqualTo(new CaseNote(caseId, Personal.ERASED, new Decided("GRANTED", Personal.ERASED)));
            assertThat(serializer.<byte[], CaseNote>deserialize(closed))
                    .isEqualTo(new CaseNote(caseId, Personal.ERASED, new DeskClosed("desk-1", "Inundação")));
        });
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    sealed interface Unnamed permits Anonymous {}

    record Anonymous(@Personal String words) implements Unnamed {}

    record Holder(@DataSubject String applicantId, Unnamed unnamed) {}

    @Test
    void aSealedComponentWhosePersonalRecordHasNoTypeNameIsRefusedNotStoredInClear() {
        var serializer = serializer();

        assertThatThrownBy(() -> serializer.serialize(new Holder("applicant-1", new Anonymous("Olá")), byte[].class))
                .hasMessageContaining("no type name");
    }

    /** The event store's serializer as the platform builds it: Axon's Jackson serializer and mapper, these keys. */
    private static PersonalDataSerializer serializer() {
        return new PersonalDataSerializer(
                JacksonSerializer.builder()
                        .objectMapper(PostgresEventStorage.objectMapper())
                        .build(),
                PostgresEventStorage.objectMapper(),
                keys);
    }

    private static void eraseElsewhere(String subject) {
        elsewhere
                .sql("update personal_data_key set wrapped_key = null, erased_at = now(), legal_basis = 'test',"
                        + " erased_by = 'elsewhere' where data_subject = ?")
                .param(subject)
                .update();
    }
}
