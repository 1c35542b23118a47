package pt.aima.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentAccepted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.DocumentUploaded;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import tools.jackson.databind.JsonNode;

/**
 * document-service against a real PostgreSQL and a real Kafka broker: a registration arrives over Kafka and opens the
 * checklist; the applicant uploads over REST, a caseworker rejects and accepts; every step is published on the
 * document topic with who acted and in which flow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentServiceIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private static final LocalDate SUBMITTED_ON = LocalDate.of(2026, 11, 2);
    private static final String DLT = Topics.deadLetterTopic(Topics.APPLICATION_EVENTS, "document-service");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "document_service_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    private RestClient http;
    private String testCorrelation;
    private IntegrationEventsClient kafka;

    @BeforeAll
    void connect() {
        kafka = IntegrationEventsClient.connect();
    }

    /**
     * Each test's requests carry a correlation id of their own, so "nothing stored" can be asked of this test's
     * requests alone: the context is shared with the other tests, whose cases may still be flowing.
     */
    @BeforeEach
    void correlateRequests() {
        testCorrelation = "it-" + UUID.randomUUID();
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-Correlation-Id", testCorrelation)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @Test
    void carriesAChecklistFromRegistrationToCompletion() {
        MemberId spouse = MemberId.newId();
        MemberId child = MemberId.newId();
        CaseId caseId = CaseId.newId();
        EventEnvelope<ApplicationRegistered> registration = registered(
                caseId,
                "applicant-1",
                "corr-docs-happy",
                List.of(
                        new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1991, 4, 2), false),
                        new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2017, 6, 1), true)));
        kafka.send(Topics.APPLICATION_EVENTS, registration);

        String applicant = token("applicant-1", "APPLICANT");
        JsonNode checklist = awaitChecklist(caseId, applicant, body -> true);
        assertThat(checklist.get("complete").asBoolean()).isFalse();
        assertThat(checklist.get("members")).hasSize(2);
        Map<String, List<String>> typesByMember = typesByMember(checklist);
        assertThat(typesByMember.get(spouse.toString()))
                .containsExactly(
                        "SPONSOR_RESIDENCE_PERMIT",
                        "PASSPORT",
                        "MARRIAGE_CERTIFICATE",
                        "ADDRESS_DECLARATION",
                        "MEANS_OF_SUBSISTENCE",
                        "TERM_OF_RESPONSIBILITY",
                        "CRIMINAL_RECORD");
        // A child in Portugal, the other parent's residence not declared, no address title declared (version-1 facts).
        assertThat(typesByMember.get(child.toString()))
                .containsExactly(
                        "SPONSOR_RESIDENCE_PERMIT",
                        "PASSPORT",
                        "PROOF_OF_LEGAL_ENTRY",
                        "BIRTH_CERTIFICATE",
                        "OTHER_PARENT_AUTHORISATION",
                        "ADDRESS_DECLARATION",
                        "MEANS_OF_SUBSISTENCE",
                        "TERM_OF_RESPONSIBILITY");
        assertThat(item(checklist, spouse, "MARRIAGE_CERTIFICATE").get("reason").asString())
                .isEqualTo("Proof of the family tie for a spouse: authenticated marriage certificate");
        assertThat(item(checklist, spouse, "PASSPORT").get("status").asString()).isEqualTo("MISSING");

        EventEnvelope<?> opened = kafka.awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "DocumentChecklistOpened");
        assertThat(opened.actor()).isEqualTo(Actor.system("document-service"));
        assertThat(opened.correlationId()).isEqualTo("corr-docs-happy");
        assertThat(opened.causationId()).isEqualTo(registration.eventId().toString());
        assertThat(((DocumentChecklistOpened) opened.payload()).items()).hasSize(15);

        // The applicant uploads every item.
        for (MemberId member : List.of(spouse, child)) {
            for (String type : typesByMember.get(member.toString())) {
                byte[] pdf = pdf(member + type);
                var uploaded =
                        upload(applicant, caseId, member.toString(), type, pdf, "application/pdf", "corr-upload");
                assertThat(uploaded.getStatusCode().value()).isEqualTo(201);
                assertThat(uploaded.getBody().get("sha256").asString()).isEqualTo(sha256(pdf));
                assertThat(uploaded.getBody().get("sizeBytes").asLong()).isEqualTo(pdf.length);
                assertThat(uploaded.getBody().get("mediaType").asString()).isEqualTo("application/pdf");
            }
        }
        checklist = awaitChecklist(
                caseId, applicant, body -> allStatuses(body).stream().allMatch("UPLOADED"::equals));

        // The caseworker rejects the spouse's passport; the applicant sees why and uploads a new one.
        String caseworker = token("caseworker-1", "CASEWORKER");
        String expiredPassport =
                item(checklist, spouse, "PASSPORT").get("documentId").asString();
        assertThat(reject(caseworker, caseId, expiredPassport, "EXPIRED", "The passport expired in 2025.")
                        .getStatusCode()
                        .value())
                .isEqualTo(204);
        checklist = awaitChecklist(caseId, applicant, body -> "REJECTED"
                .equals(item(body, spouse, "PASSPORT").get("status").asString()));
        assertThat(item(checklist, spouse, "PASSPORT")
                        .get("rejectionReasonCode")
                        .asString())
                .isEqualTo("EXPIRED");
        assertThat(item(checklist, spouse, "PASSPORT").get("rejectionReason").asString())
                .isEqualTo("The passport expired in 2025.");
        JsonNode spouseSummary = memberOf(checklist, spouse);
        assertThat(spouseSummary.get("complete").asBoolean()).isFalse();
        assertThat(spouseSummary.get("missing")).extracting(JsonNode::asString).containsExactly("PASSPORT");
        assertThat(spouseSummary.get("awaitingVerification")).hasSize(6);
        assertThat(spouseSummary.get("accepted")).isEmpty();

        byte[] renewed = pdf("renewed passport");
        var again = upload(applicant, caseId, spouse.toString(), "PASSPORT", renewed, "application/pdf", "corr-upload");
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        String renewedPassport = again.getBody().get("documentId").asString();
        checklist = awaitChecklist(
                caseId,
                applicant,
                body -> renewedPassport.equals(
                        item(body, spouse, "PASSPORT").get("documentId").asString()));
        assertThat(item(checklist, spouse, "PASSPORT").get("status").asString()).isEqualTo("UPLOADED");
        assertThat(item(checklist, spouse, "PASSPORT").get("rejectionReason").isNull())
                .isTrue();

        // Both versions stay; the old one can be read but no longer verified.
        assertThat(content(caseworker, caseId, expiredPassport).getBody()).isEqualTo(pdf(spouse + "PASSPORT"));
        var superseded = accept(caseworker, caseId, expiredPassport);
        assertThat(superseded.getStatusCode().value()).isEqualTo(409);
        assertThat(superseded.getBody().get("rule").asString()).isEqualTo("DOCUMENT_SUPERSEDED");

        // The caseworker accepts every current version; the last acceptance completes the checklist.
        List<String> current = new ArrayList<>();
        checklist.get("members").forEach(member -> member.get("items")
                .forEach(item -> current.add(item.get("documentId").asString())));
        for (String documentId : current) {
            assertThat(accept(caseworker, caseId, documentId).getStatusCode().value())
                    .isEqualTo(204);
        }
        checklist =
                awaitChecklist(caseId, applicant, body -> body.get("complete").asBoolean());
        assertThat(allStatuses(checklist)).containsOnly("ACCEPTED");
        assertThat(memberOf(checklist, child).get("complete").asBoolean()).isTrue();
        assertThat(memberOf(checklist, child).get("missing")).isEmpty();

        List<EventEnvelope<?>> published = awaitPublishedUntil(caseId, "DocumentChecklistCompleted");
        List<String> types = published.stream().map(EventEnvelope::type).toList();
        assertThat(types)
                .containsExactly(concat(
                                List.of("DocumentChecklistOpened"),
                                repeat("DocumentUploaded", 15),
                                List.of("DocumentRejected", "DocumentUploaded"),
                                repeat("DocumentAccepted", 15),
                                List.of("DocumentChecklistCompleted"))
                        .toArray(String[]::new));
        EventEnvelope<?> firstUpload = published.get(1);
        assertThat(firstUpload.actor()).isEqualTo(new Actor("applicant-1", "APPLICANT"));
        assertThat(firstUpload.correlationId()).isEqualTo("corr-upload");
        assertThat(((DocumentUploaded) firstUpload.payload()).sha256()).hasSize(64);
        EventEnvelope<?> rejection = published.get(16);
        assertThat(rejection.actor()).isEqualTo(new Actor("caseworker-1", "CASEWORKER"));
        assertThat(((DocumentRejected) rejection.payload()).reasonCode()).isEqualTo("EXPIRED");
        EventEnvelope<?> lastAcceptance = published.get(published.size() - 2);
        assertThat(((DocumentAccepted) lastAcceptance.payload()).documentId().toString())
                .isEqualTo(current.get(current.size() - 1));
        assertThat(new String(codec.encode(published.get(0)), StandardCharsets.UTF_8))
                .as("the applicant's account id stays in document-service")
                .doesNotContain("applicant-1");

        assertThat(jdbc.sql("select count(*) from document_content where case_id = :caseId")
                        .param("caseId", caseId.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(16L);
    }

    @Test
    void aRedeliveredRegistrationOpensOneChecklist() throws Exception {
        CaseId caseId = CaseId.newId();
        EventEnvelope<ApplicationRegistered> registration = registered(
                caseId,
                "applicant-2",
                "corr-redelivery",
                List.of(new HouseholdMember(MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1980, 1, 1), false)));
        kafka.send(Topics.APPLICATION_EVENTS, registration);
        RecordMetadata second = kafka.send(Topics.APPLICATION_EVENTS, registration);
        awaitConsumed(second);

        assertThat(jdbc.sql("select count(*) from inbox where event_id = :eventId")
                        .param("eventId", registration.eventId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        JsonNode history = http.get()
                .uri("/audit/cases/{id}/events", caseId)
                .header("Authorization", "Bearer " + token("auditor-1", "AUDITOR"))
                .retrieve()
                .body(JsonNode.class);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("type").asString()).isEqualTo("ChecklistOpened");
        assertThat(history.get(0).get("causationId").asString())
                .isEqualTo(registration.eventId().toString());
    }

    @Test
    void aSnapshotOfAnOlderShapeOfTheCaseIsIgnored() {
        CaseId caseId = CaseId.newId();
        MemberId spouse = MemberId.newId();
        kafka.send(
                Topics.APPLICATION_EVENTS,
                registered(
                        caseId,
                        "applicant-snapshot",
                        "corr-snapshot",
                        List.of(new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1985, 3, 1), false))));
        String applicant = token("applicant-snapshot", "APPLICANT");
        awaitChecklist(caseId, applicant, body -> true);
        // a snapshot left by an earlier version of CaseDocuments (revision 1): an empty state, which would know no
        // member and no checklist if the store handed it to the aggregate
        jdbc.sql(
                        """
                insert into snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                select aggregate_identifier, max(sequence_number), 'CaseDocuments', :eventId,
                    'document.CaseDocuments', '1', convert_to('{}', 'UTF8'),
                    convert_to('{}', 'UTF8'), '2025-01-01T00:00:00Z'
                from domain_event_entry where aggregate_identifier = :caseId group by aggregate_identifier
                """)
                .param("eventId", UUID.randomUUID().toString())
                .param("caseId", caseId.toString())
                .update();

        ResponseEntity<JsonNode> uploaded = upload(
                applicant, caseId, spouse.toString(), "MARRIAGE_CERTIFICATE", pdf("marriage"), "application/pdf", null);

        assertThat(uploaded.getStatusCode().value())
                .as("the case is loaded from its events, not from the stale snapshot")
                .isEqualTo(201);
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheConsumerMovesOn() {
        CaseId caseId = CaseId.newId();
        kafka.sendRaw(new ProducerRecord<>(
                Topics.APPLICATION_EVENTS, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        EventEnvelope<ApplicationRegistered> valid = registered(
                caseId,
                "applicant-3",
                "corr-poison",
                List.of(new HouseholdMember(MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1985, 2, 3), false)));
        String brokenPayload = new String(codec.encode(valid), StandardCharsets.UTF_8)
                .replace("\"household\":[", "\"household\":\"none\",\"ignored\":[");
        var broken = new ProducerRecord<>(
                Topics.APPLICATION_EVENTS, caseId.toString(), brokenPayload.getBytes(StandardCharsets.UTF_8));
        broken.headers().add(Topics.HEADER_EVENT_TYPE, "ApplicationRegistered".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(broken);
        kafka.send(Topics.APPLICATION_EVENTS, valid);

        awaitChecklist(caseId, token("applicant-3", "APPLICANT"), body -> true);
        List<ConsumerRecord<String, byte[]>> dead = kafka.awaitRecords(DLT, ofCase(caseId), found -> found.size() == 2);
        assertThat(dead)
                .extracting(record -> IntegrationEventsClient.header(record, "aima-dlt-reason"))
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("MalformedEventException: not JSON"),
                        reason -> assertThat(reason).startsWith("MalformedEventException: ApplicationRegistered v1"));
    }

    @Test
    void refusesBadRequestsAndStoresNothing() {
        MemberId spouse = MemberId.newId();
        MemberId child = MemberId.newId();
        CaseId caseId = CaseId.newId();
        kafka.send(
                Topics.APPLICATION_EVENTS,
                registered(
                        caseId,
                        "applicant-4",
                        "corr-refusals",
                        List.of(
                                new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), false),
                                new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2018, 1, 1), true))));
        String applicant = token("applicant-4", "APPLICANT");
        String caseworker = token("caseworker-4", "CASEWORKER");
        awaitChecklist(caseId, applicant, body -> true);
        long contentBefore = storedContent();
        long eventsBefore = storedEvents();

        // 400: each bad part named.
        assertInvalid(
                upload(applicant, caseId, spouse.toString(), "PASSPORT", new byte[0], "application/pdf", null), "file");
        byte[] tooLarge = Arrays.copyOf(pdf("large"), 1_048_577);
        assertInvalid(
                upload(applicant, caseId, spouse.toString(), "PASSPORT", tooLarge, "application/pdf", null), "file");
        assertInvalid(
                upload(applicant, caseId, spouse.toString(), "PASSPORT", "hello".getBytes(), "text/plain", null),
                "file");
        assertInvalid(
                upload(applicant, caseId, spouse.toString(), "PASSPORT", "hello".getBytes(), "application/pdf", null),
                "file");
        assertInvalid(
                upload(applicant, caseId, spouse.toString(), "SELFIE", pdf("x"), "application/pdf", null),
                "documentType");
        assertInvalid(
                upload(applicant, caseId, "not-a-uuid", "PASSPORT", pdf("x"), "application/pdf", null), "memberId");
        assertInvalid(
                upload(applicant, caseId, UUID.randomUUID().toString(), "PASSPORT", pdf("x"), "application/pdf", null),
                "memberId");
        assertInvalid(
                upload(applicant, caseId, child.toString(), "CRIMINAL_RECORD", pdf("x"), "application/pdf", null),
                "documentType");
        var noReason = http.post()
                .uri("/cases/{caseId}/documents/{documentId}/rejection", caseId, UUID.randomUUID())
                .header("Authorization", "Bearer " + caseworker)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "Unreadable."))
                .retrieve()
                .toEntity(JsonNode.class);
        assertInvalid(noReason, "reasonCode");

        // 404: unknown case (the content written before the command is rolled back) or document.
        CaseId unknownCase = CaseId.newId();
        assertThat(upload(caseworker, unknownCase, spouse.toString(), "PASSPORT", pdf("x"), "application/pdf", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(upload(applicant, unknownCase, spouse.toString(), "PASSPORT", pdf("x"), "application/pdf", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(getChecklist(unknownCase, caseworker).getStatusCode().value())
                .isEqualTo(404);
        assertThat(accept(caseworker, unknownCase, UUID.randomUUID().toString())
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(accept(caseworker, caseId, UUID.randomUUID().toString())
                        .getStatusCode()
                        .value())
                .isEqualTo(404);

        // 403: someone else's case, or a role that may not act.
        String otherApplicant = token("applicant-5", "APPLICANT");
        assertThat(getChecklist(caseId, otherApplicant).getStatusCode().value()).isEqualTo(403);
        assertThat(upload(otherApplicant, caseId, spouse.toString(), "PASSPORT", pdf("x"), "application/pdf", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(upload(
                                token("ops-1", "OPERATIONS"),
                                caseId,
                                spouse.toString(),
                                "PASSPORT",
                                pdf("x"),
                                "application/pdf",
                                null)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(accept(applicant, caseId, UUID.randomUUID().toString())
                        .getStatusCode()
                        .value())
                .isEqualTo(403);

        assertThat(storedContent()).isEqualTo(contentBefore);
        assertThat(storedEvents()).isEqualTo(eventsBefore);

        // 409: a document is verified once, and an accepted item takes no new version.
        var passport = upload(applicant, caseId, spouse.toString(), "PASSPORT", pdf("p"), "application/pdf", null);
        String passportId = passport.getBody().get("documentId").asString();
        assertThat(accept(caseworker, caseId, passportId).getStatusCode().value())
                .isEqualTo(204);
        var twice = reject(caseworker, caseId, passportId, "ILLEGIBLE", "Cannot be read.");
        assertThat(twice.getStatusCode().value()).isEqualTo(409);
        assertThat(twice.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(twice.getBody().get("rule").asString()).isEqualTo("DOCUMENT_ALREADY_VERIFIED");
        var afterAcceptance =
                upload(applicant, caseId, spouse.toString(), "PASSPORT", pdf("p2"), "application/pdf", null);
        assertThat(afterAcceptance.getStatusCode().value()).isEqualTo(409);
        assertThat(afterAcceptance.getBody().get("rule").asString()).isEqualTo("DOCUMENT_ALREADY_ACCEPTED");

        assertThat(storedContent()).isEqualTo(contentBefore + 1);
        assertThat(storedEvents()).isEqualTo(eventsBefore + 2);
    }

    @Test
    void theChecklistRebuiltFromHistoryEqualsTheOneBuiltLive() {
        MemberId parent = MemberId.newId();
        CaseId caseId = CaseId.newId();
        kafka.send(
                Topics.APPLICATION_EVENTS,
                registered(
                        caseId,
                        "applicant-6",
                        "corr-rebuild",
                        List.of(new HouseholdMember(
                                parent, Relationship.DEPENDENT_PARENT, LocalDate.of(1950, 8, 9), false))));
        String applicant = token("applicant-6", "APPLICANT");
        String caseworker = token("caseworker-6", "CASEWORKER");
        awaitChecklist(caseId, applicant, body -> true);
        String first = upload(
                        applicant, caseId, parent.toString(), "PROOF_OF_DEPENDENCE", pdf("1"), "application/pdf", null)
                .getBody()
                .get("documentId")
                .asString();
        reject(caseworker, caseId, first, "INSUFFICIENT", "Show the money transfers of the last year.");
        upload(applicant, caseId, parent.toString(), "PROOF_OF_DEPENDENCE", pdf("2"), "application/pdf", null);
        upload(applicant, caseId, parent.toString(), "PASSPORT", pdf("3"), "application/pdf", null);
        JsonNode live = awaitChecklist(
                caseId,
                applicant,
                body -> allStatuses(body).stream().filter("UPLOADED"::equals).count() == 2);

        StreamingEventProcessor processor = processing
                .eventProcessor("checklist", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(getChecklist(caseId, caseworker).getStatusCode().value())
                .as("the reset cleared the read model")
                .isEqualTo(404);
        processor.start();

        awaitChecklist(caseId, applicant, live::equals);
    }

    // --- HTTP

    private ResponseEntity<JsonNode> upload(
            String token,
            CaseId caseId,
            String memberId,
            String documentType,
            byte[] content,
            String mediaType,
            String correlationId) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(content) {
                    @Override
                    public String getFilename() {
                        return "document";
                    }
                })
                .contentType(MediaType.parseMediaType(mediaType));
        parts.part("memberId", memberId);
        parts.part("documentType", documentType);
        var request = http.post()
                .uri("/cases/{caseId}/documents", caseId)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA);
        if (correlationId != null) {
            request = request.header("X-Correlation-Id", correlationId);
        }
        return request.body(parts.build()).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> accept(String token, CaseId caseId, String documentId) {
        return http.post()
                .uri("/cases/{caseId}/documents/{documentId}/acceptance", caseId, documentId)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> reject(
            String token, CaseId caseId, String documentId, String reasonCode, String reason) {
        return http.post()
                .uri("/cases/{caseId}/documents/{documentId}/rejection", caseId, documentId)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reasonCode", reasonCode, "reason", reason))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<byte[]> content(String token, CaseId caseId, String documentId) {
        return http.get()
                .uri("/cases/{caseId}/documents/{documentId}/content", caseId, documentId)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toEntity(byte[].class);
    }

    private ResponseEntity<JsonNode> getChecklist(CaseId caseId, String token) {
        return http.get()
                .uri("/cases/{caseId}/checklist", caseId)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private JsonNode awaitChecklist(CaseId caseId, String token, Predicate<JsonNode> wanted) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            var response = getChecklist(caseId, token);
                            return response.getStatusCode().value() == 200 ? response.getBody() : null;
                        },
                        body -> body != null && wanted.test(body));
    }

    private static void assertInvalid(ResponseEntity<JsonNode> response, String field) {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> fields = new ArrayList<>();
        response.getBody()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactly(field);
    }

    private static Map<String, List<String>> typesByMember(JsonNode checklist) {
        Map<String, List<String>> types = new java.util.LinkedHashMap<>();
        checklist.get("members").forEach(member -> {
            List<String> memberTypes = new ArrayList<>();
            member.get("items")
                    .forEach(item -> memberTypes.add(item.get("documentType").asString()));
            types.put(member.get("memberId").asString(), memberTypes);
        });
        return types;
    }

    private static JsonNode item(JsonNode checklist, MemberId member, String type) {
        for (JsonNode m : checklist.get("members")) {
            if (m.get("memberId").asString().equals(member.toString())) {
                for (JsonNode item : m.get("items")) {
                    if (item.get("documentType").asString().equals(type)) {
                        return item;
                    }
                }
            }
        }
        throw new AssertionError("no item " + type + " for " + member);
    }

    private static JsonNode memberOf(JsonNode checklist, MemberId member) {
        for (JsonNode m : checklist.get("members")) {
            if (m.get("memberId").asString().equals(member.toString())) {
                return m;
            }
        }
        throw new AssertionError("no member " + member);
    }

    private static List<String> allStatuses(JsonNode checklist) {
        List<String> statuses = new ArrayList<>();
        checklist.get("members").forEach(member -> member.get("items")
                .forEach(item -> statuses.add(item.get("status").asString())));
        return statuses;
    }

    // --- Kafka

    private static EventEnvelope<ApplicationRegistered> registered(
            CaseId caseId, String applicantId, String correlationId, List<HouseholdMember> household) {
        return EventEnvelope.wrap(
                UUID.randomUUID(),
                Instant.now(),
                new Actor(applicantId, "APPLICANT"),
                correlationId,
                "request-" + UUID.randomUUID(),
                new ApplicationRegistered(caseId, applicantId, SUBMITTED_ON, household, "pt"));
    }

    /** Waits until document-service's consumer group has committed past the given record. */
    private void awaitConsumed(RecordMetadata sent) throws Exception {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("document-service")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    /** The case's records on the document topic, in order, up to and including the first of {@code lastType}. */
    private List<EventEnvelope<?>> awaitPublishedUntil(CaseId caseId, String lastType) {
        return kafka
                .awaitRecords(
                        Topics.DOCUMENT_EVENTS,
                        ofCase(caseId),
                        found -> lastType.equals(
                                IntegrationEventsClient.header(found.getLast(), Topics.HEADER_EVENT_TYPE)))
                .stream()
                .<EventEnvelope<?>>map(record -> codec.decode(record.value()))
                .toList();
    }

    private static Predicate<ConsumerRecord<String, byte[]>> ofCase(CaseId caseId) {
        return record -> caseId.toString().equals(record.key());
    }

    // --- helpers

    private long storedContent() {
        return jdbc.sql("select count(*) from document_content")
                .query(Long.class)
                .single();
    }

    /** The events stored by this test's requests (their correlation id is in each event's metadata). */
    private long storedEvents() {
        return jdbc.sql(
                        "select count(*) from domain_event_entry where position(:correlation in convert_from(meta_data, 'UTF8')) > 0")
                .param("correlation", "\"" + testCorrelation + "\"")
                .query(Long.class)
                .single();
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.7\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static List<String> repeat(String value, int times) {
        return java.util.Collections.nCopies(times, value);
    }

    private static String bootstrapServers() {
        return LocalInfrastructure.shared().kafkaBootstrapServers();
    }

    private static String token(String subject, String role) {
        return LocalInfrastructure.shared().tokens().token(subject, role);
    }
}
