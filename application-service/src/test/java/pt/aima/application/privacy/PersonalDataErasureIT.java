package pt.aima.application.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.eventstore.StoredTypeSerializer;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.privacy.sealing.StoredPersonalDataSealing;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * Crypto-shredding against a real PostgreSQL and Kafka: personal data is stored encrypted under the applicant's key
 * from the start; erasure destroys the key, every read (history, read model, a full blue/green rebuild from the event
 * store) shows it erased, nothing personal is left in the stored bytes, and the hash chains still verify.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataErasureIT {

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "application_service_privacy_it");
    }

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String applicantId = "applicant-erasure-" + marker;
    private final String sponsorName = "Sponsor Erasable " + marker;
    private final String childName = "Child Erasable " + marker;
    private final String permit = "AR-" + marker;
    private final String email = "erasable-" + marker + "@example.org";

    private String registration() {
        return """
            {"region": "PORTO",
             "sponsor": {"fullName": "%s", "residencePermitNumber": "%s"},
             "members": [{"fullName": "%s", "relationship": "MINOR_CHILD",
                          "dateOfBirth": "2013-07-19", "nationality": "BRA", "presentInPortugal": true}],
             "contact": {"email": "%s", "phone": "+351912345678", "preferredLanguage": "pt"}}
            """
                .formatted(sponsorName, permit, childName, email);
    }

    /** What a person typed, as the stored bytes could show it. */
    private List<String> personal() {
        return List.of(sponsorName, childName, permit, email, "+351912345678", "2013-07-19", "[2013,7,19]", "BRA");
    }

    @Test
    void anErasureThenAFullRebuildShowsNothingPersonal() {
        Caller applicant = service.as(applicantId, "APPLICANT");
        Response registered = applicant.post("/applications", registration());
        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
        CaseId caseId = CaseId.of(registered.body().get("caseId").asString());
        Caller operations = service.as("operations-erasure", "OPERATIONS");
        awaitCase(operations, caseId, body -> body.has("stage"));

        assertThat(storedText(caseId))
                .as("personal fields are stored encrypted from the start")
                .isNotEmpty()
                .allSatisfy(payload -> assertThat(payload).doesNotContain(personal()));
        JsonNode before = submitted(service.as("caseworker-erasure", "CASEWORKER"), caseId);
        assertThat(before.get("sponsor").get("fullName").asString()).isEqualTo(sponsorName);
        assertThat(before.get("members").get(0).get("dateOfBirth").isNull()).isFalse();
        assertThat(before.get("contact").get("email").asString())
                .as("a caseworker reaches the applicant")
                .isEqualTo(email);
        JsonNode audited = submitted(service.as("auditor-erasure", "AUDITOR"), caseId);
        assertThat(audited.get("contact").get("email").asString())
                .as("an auditor has no need of the contact")
                .isEqualTo("***");
        assertThat(audited.get("contact").get("phone").asString()).isEqualTo("***");
        assertThat(audited.get("contact").get("preferredLanguage").asString()).isEqualTo("pt");

        Response erased = operations.post(
                "/privacy/applicants/{id}/erasure",
                Map.of("legalBasis", "Lei 58/2019 art. 21: retention of the case file ended"),
                applicantId);
        assertThat(erased.status()).as("%s", erased.body()).isEqualTo(200);
        assertThat(erased.body().get("cases").get(0).asString()).isEqualTo(caseId.toString());
        assertThat(erased.body().get("erasedBy").asString()).isEqualTo("operations-erasure");

        JdbcClient jdbc = service.spring().getBean(JdbcClient.class);
        assertThat(jdbc.sql("select wrapped_key is null and erased_at is not null from personal_data_key"
                                + " where data_subject = ?")
                        .param(applicantId)
                        .query(Boolean.class)
                        .single())
                .as("the key is destroyed")
                .isTrue();
        EventEnvelope<?> published =
                service.kafka().awaitPublished(Topics.APPLICATION_EVENTS, caseId, "ApplicantDataErased");
        assertThat(((ApplicantDataErased) published.payload()).applicantId()).isEqualTo(applicantId);

        awaitCase(operations, caseId, body -> !body.get("personalDataErasedAt").isNull());
        assertErased(caseId);

        Response started = operations.post(
                "/operations/projections/case-status/rebuilds", Map.of("reason", "prove the erasure survives"));
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        JsonNode rebuild = await("the rebuild of case-status")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> operations
                                .get(started.headers().getLocation().getPath())
                                .body(),
                        body -> !List.of("RUNNING", "CAUGHT_UP")
                                .contains(body.get("state").asString()));
        assertThat(rebuild.get("state").asString()).as("%s", rebuild).isEqualTo("SWITCHED");
        JsonNode rebuilt = operations.get("/applications/{id}", caseId).body();
        assertThat(rebuilt.get("personalDataErasedAt").isNull())
                .as("rebuilt from the event store, the case still shows its data erased")
                .isFalse();
        assertThat(rebuilt.toString()).doesNotContain(personal());
        assertErased(caseId);

        JsonNode integrity =
                service.as("auditor-erasure", "AUDITOR").get("/audit/integrity").body();
        assertThat(integrity.get("findings")).as("%s", integrity).isEmpty();
        assertThat(integrity.get("status").asString()).isEqualTo("INTACT");
    }

    /**
     * A case registered before personal fields were encrypted (V1_40): its registration stored in clear, written here
     * as a new case's first event the way it was written then (the stored type's JSON without encryption). The sweep
     * seals it under the applicant's key, the history still verifies through the signed reseal, and the applicant's
     * erasure then reaches it.
     */
    @Test
    void aRegistrationStoredInClearIsSealedAndThenErasedWithTheApplicant() throws Exception {
        Caller operations = service.as("operations-erasure", "OPERATIONS");
        CaseId template = CaseId.of(service.as(applicantId, "APPLICANT")
                .post("/applications", registration())
                .body()
                .get("caseId")
                .asString());
        awaitCase(operations, template, body -> body.has("stage"));
        String oldApplicant = "applicant-before-encryption-" + marker;
        CaseId oldCase = CaseId.of(UUID.randomUUID().toString());
        storeInClearAsANewCase(template, oldCase, oldApplicant);
        assertThat(storedText(oldCase)).as("stored as before V1_40").anySatisfy(payload -> assertThat(payload)
                .contains(sponsorName, childName, email));

        long sealed = service.spring().getBean(StoredPersonalDataSealing.class).sweep();

        assertThat(sealed).isEqualTo(1);
        assertThat(storedText(oldCase))
                .allSatisfy(payload -> assertThat(payload).doesNotContain(personal()));
        assertThat(submitted(service.as("caseworker-erasure", "CASEWORKER"), oldCase)
                        .get("sponsor")
                        .get("fullName")
                        .asString())
                .as("read back under the applicant's key")
                .isEqualTo(sponsorName);
        JsonNode integrity =
                service.as("auditor-erasure", "AUDITOR").get("/audit/integrity").body();
        assertThat(integrity.get("findings")).as("%s", integrity).isEmpty();
        assertThat(integrity.get("notes").toString()).contains("resealed");

        awaitCase(operations, oldCase, body -> body.has("stage"));
        Response erased = operations.post(
                "/privacy/applicants/{id}/erasure", Map.of("legalBasis", "retention ended"), oldApplicant);
        assertThat(erased.status()).as("%s", erased.body()).isEqualTo(200);
        assertErased(oldCase);
        JsonNode after =
                service.as("auditor-erasure", "AUDITOR").get("/audit/integrity").body();
        assertThat(after.get("status").asString()).as("%s", after).isEqualTo("INTACT");
    }

    /**
     * Appends, with plain SQL (the chain trigger hashes it), the registration of {@code template} as the first event of
     * {@code newCase} for {@code applicant}, in clear: decrypted, then written by the event store's serializer without
     * encryption.
     */
    private static void storeInClearAsANewCase(CaseId template, CaseId newCase, String applicant) throws Exception {
        JdbcClient jdbc = service.spring().getBean(JdbcClient.class);
        Map<String, Object> row = jdbc.sql(
                        "select payload_type, payload_revision, payload, type from domain_event_entry"
                                + " where aggregate_identifier = ? and sequence_number = 0")
                .param(template.toString())
                .query()
                .singleRow();
        StoredTypeSerializer serializer =
                (StoredTypeSerializer) service.spring().getBean("eventSerializer", Serializer.class);
        Object event = serializer.deserialize(new SimpleSerializedObject<>(
                (byte[]) row.get("payload"), byte[].class, (String) row.get("payload_type"), (String)
                        row.get("payload_revision")));
        com.fasterxml.jackson.databind.ObjectMapper json =
                service.spring().getBean("defaultAxonObjectMapper", com.fasterxml.jackson.databind.ObjectMapper.class);
        byte[] clear = PostgresEventStorage.serializer(json, serializer.types(), new AnnotationRevisionResolver())
                .serialize(event, byte[].class)
                .getData();
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(clear);
        if (tree.get("caseId").isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("caseId")).put("value", newCase.toString());
        } else {
            tree.put("caseId", newCase.toString());
        }
        tree.put("applicantId", applicant);
        jdbc.sql(
                        """
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                values (?, ?, 0, ?, ?, ?, ?, convert_to('{}', 'UTF8'), ?)
                """)
                .params(
                        UUID.randomUUID().toString(),
                        newCase.toString(),
                        row.get("type"),
                        row.get("payload_type"),
                        row.get("payload_revision"),
                        json.writeValueAsBytes(tree),
                        java.time.Instant.now().toString())
                .update();
    }

    @Test
    void whatStaffWroteAboutTheCaseIsStoredUnderTheCasesKeyAndErasedWithTheApplicant() {
        Caller applicant = service.as(applicantId, "APPLICANT");
        CaseId caseId = CaseId.of(applicant
                .post("/applications", registration())
                .body()
                .get("caseId")
                .asString());
        Caller operations = service.as("operations-erasure", "OPERATIONS");
        awaitCase(operations, caseId, body -> body.has("stage"));
        Caller caseworker = service.as("caseworker-erasure", "CASEWORKER");
        String extensionReason = "The marriage of Sponsor " + marker + " must be confirmed by the consulate.";
        String reasoning = "Sponsor " + marker + " proved the family tie.";
        assertThat(caseworker
                        .post("/applications/{id}/deadline-extension", Map.of("reason", extensionReason), caseId)
                        .status())
                .isEqualTo(202);
        service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
        service.publish(Topics.SCHEDULING_EVENTS, new BiometricsCollected(caseId, "PORTO-1"));
        awaitCase(operations, caseId, body -> "BIOMETRICS_COLLECTED"
                .equals(body.get("stage").asString()));
        Response decided = caseworker.post(
                "/applications/{id}/decision",
                Map.of("outcome", "GRANTED", "grounds", List.of(), "reasoning", reasoning),
                caseId);
        assertThat(decided.status()).as("%s", decided.body()).isEqualTo(202);

        assertThat(storedEvents(caseId))
                .as("stored encrypted, under the case's key")
                .anySatisfy(payload -> assertThat(payload).contains("\"subject\":\"caseId:" + caseId + "\""))
                .allSatisfy(payload -> assertThat(payload).doesNotContain(extensionReason, reasoning));
        assertThat(payloadOf(caseworker, caseId, "DeadlineExtended")
                        .get("reason")
                        .asString())
                .isEqualTo(extensionReason);
        assertThat(payloadOf(caseworker, caseId, "DecisionMade")
                        .get("reasoning")
                        .asString())
                .isEqualTo(reasoning);
        EventEnvelope<?> issued = service.kafka().awaitPublished(Topics.APPLICATION_EVENTS, caseId, "DecisionIssued");
        assertThat(((DecisionIssued) issued.payload()).reasoning())
                .as("the applicant is told why, in the caseworker's words")
                .isEqualTo(reasoning);

        Response erased = operations.post(
                "/privacy/applicants/{id}/erasure",
                Map.of("legalBasis", "retention of the case file ended"),
                applicantId);
        assertThat(erased.status()).as("%s", erased.body()).isEqualTo(200);

        JdbcClient jdbc = service.spring().getBean(JdbcClient.class);
        assertThat(jdbc.sql("select legal_basis from personal_data_key where data_subject = ? and wrapped_key is null")
                        .param("caseId:" + caseId)
                        .query(String.class)
                        .optional())
                .as("the case's key is destroyed with the applicant's")
                .contains("retention of the case file ended");
        JsonNode extension = payloadOf(caseworker, caseId, "DeadlineExtended");
        assertThat(extension.get("reason").asString()).isEqualTo(Personal.ERASED);
        assertThat(extension.get("decideBy").isNull())
                .as("the case's facts stay")
                .isFalse();
        JsonNode decision = payloadOf(caseworker, caseId, "DecisionMade");
        assertThat(decision.get("reasoning").asString()).isEqualTo(Personal.ERASED);
        assertThat(decision.get("outcome").asString()).isEqualTo("GRANTED");
        assertThat(storedEvents(caseId))
                .allSatisfy(payload -> assertThat(payload).doesNotContain(extensionReason, reasoning));
    }

    @Test
    void refusesAnErasureWithoutLegalBasisOfAnUnknownApplicantOrTwice() {
        Caller operations = service.as("operations-erasure", "OPERATIONS");
        assertThat(operations
                        .post(
                                "/privacy/applicants/{id}/erasure",
                                Map.of("legalBasis", "retention ended"),
                                "nobody-" + marker)
                        .status())
                .isEqualTo(404);

        Caller applicant = service.as(applicantId, "APPLICANT");
        CaseId caseId = CaseId.of(applicant
                .post("/applications", registration())
                .body()
                .get("caseId")
                .asString());
        awaitCase(operations, caseId, body -> body.has("stage"));
        Response missing = operations.post("/privacy/applicants/{id}/erasure", Map.of("legalBasis", " "), applicantId);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problem().json().get("errors").get(0).get("field").asString())
                .isEqualTo("legalBasis");
        assertThat(service.as("caseworker-erasure", "CASEWORKER")
                        .post("/privacy/applicants/{id}/erasure", Map.of("legalBasis", "retention ended"), applicantId)
                        .status())
                .isEqualTo(403);

        assertThat(operations
                        .post("/privacy/applicants/{id}/erasure", Map.of("legalBasis", "retention ended"), applicantId)
                        .status())
                .isEqualTo(200);
        Response again = operations.post(
                "/privacy/applicants/{id}/erasure", Map.of("legalBasis", "retention ended"), applicantId);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().rule()).isEqualTo("PERSONAL_DATA_ALREADY_ERASED");

        Response extension = service.as("caseworker-erasure", "CASEWORKER")
                .post("/applications/{id}/deadline-extension", Map.of("reason", "Needs more checks."), caseId);
        assertThat(extension.status())
                .as("nothing staff write about an erased case could be erased again")
                .isEqualTo(409);
        assertThat(extension.problem().rule()).isEqualTo("PERSONAL_DATA_ERASED");
    }

    private void assertErased(CaseId caseId) {
        assertThat(storedText(caseId)).allSatisfy(payload -> assertThat(payload).doesNotContain(personal()));
        JsonNode after = submitted(service.as("caseworker-erasure", "CASEWORKER"), caseId);
        assertThat(after.get("sponsor").get("fullName").asString()).isEqualTo(Personal.ERASED);
        assertThat(after.get("sponsor").get("residencePermitNumber").asString()).isEqualTo(Personal.ERASED);
        assertThat(after.get("members").get(0).get("fullName").asString()).isEqualTo(Personal.ERASED);
        assertThat(after.get("members").get(0).get("dateOfBirth").isNull()).isTrue();
        assertThat(after.get("members").get(0).get("nationality").asString()).isEqualTo(Personal.ERASED);
        assertThat(after.get("contact").get("email").asString()).isEqualTo(Personal.ERASED);
        assertThat(after.get("contact").get("phone").asString()).isEqualTo(Personal.ERASED);
        assertThat(after.get("members").get(0).get("relationship").asString())
                .as("the case's facts stay")
                .isEqualTo("MINOR_CHILD");
        assertThat(after.toString()).doesNotContain(personal());
    }

    /** The payload of the case's registration, as the audit history shows it. */
    private static JsonNode submitted(Caller reader, CaseId caseId) {
        return payloadOf(reader, caseId, "ApplicationSubmitted");
    }

    /** The payload of the case's first event of {@code type}, as the audit history shows it. */
    private static JsonNode payloadOf(Caller reader, CaseId caseId, String type) {
        JsonNode history = reader.get("/audit/cases/{id}/events", caseId).body();
        for (JsonNode entry : history) {
            if (type.equals(entry.get("type").asString())) {
                return entry.get("payload");
            }
        }
        throw new AssertionError("no " + type + " in " + history);
    }

    /** The stored bytes of the case's events, as text. */
    private static List<String> storedEvents(CaseId caseId) {
        return service.spring()
                .getBean(JdbcClient.class)
                .sql("select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = :id")
                .param("id", caseId.toString())
                .query(String.class)
                .list();
    }

    /** Every stored byte of the case's events and snapshots, and every read-model row of it, as text. */
    private static List<String> storedText(CaseId caseId) {
        JdbcClient jdbc = service.spring().getBean(JdbcClient.class);
        List<String> texts = new java.util.ArrayList<>(jdbc.sql(
                        """
                select convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') from domain_event_entry
                 where aggregate_identifier = :id
                union all
                select convert_from(payload, 'UTF8') from snapshot_event_entry where aggregate_identifier = :id
                """)
                .param("id", caseId.toString())
                .query(String.class)
                .list());
        texts.addAll(jdbc.sql("select cast(row_to_json(c) as text) from case_status c where case_id = :id")
                .param("id", caseId.value())
                .query(String.class)
                .list());
        return texts;
    }

    private static JsonNode awaitCase(Caller reader, CaseId caseId, java.util.function.Predicate<JsonNode> condition) {
        return await("case " + caseId)
                .atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> reader.get("/applications/{id}", caseId).body(),
                        body -> body != null && condition.test(body));
    }
}
