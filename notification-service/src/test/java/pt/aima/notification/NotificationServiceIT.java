package pt.aima.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import tools.jackson.databind.JsonNode;

/**
 * notification-service against a real PostgreSQL and a real Kafka broker: the steps of a case arrive over Kafka, the
 * applicant reads the notifications in the portal inbox, and every notification is announced on the service's topic.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Snapshots after a few events, so the tests also load cases from snapshots.
        properties = "aima.notification.snapshot-threshold=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "notification_service_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    private RestClient http;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void connect() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        Properties props = new Properties();
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);
    }

    @AfterAll
    void disconnect() {
        producer.close();
    }

    @Test
    void tellsTheApplicantEveryStepInPortugueseAndAnnouncesEachNotification() {
        CaseId caseId = CaseId.newId();
        var registered = envelope(registration(caseId, "applicant-pt", "pt"), "corr-pt");
        var slot = envelope(
                new BiometricSlotAssigned(caseId, "LISBOA-1", LocalDateTime.of(2026, 12, 3, 9, 30), 30), "corr-pt");
        var refused = envelope(
                new DecisionIssued(caseId, Outcome.REFUSED, List.of("ENTRY_BAN"), "Interdição de entrada em vigor."),
                "corr-pt");
        String applicant = token("applicant-pt", "APPLICANT");
        send(Topics.APPLICATION_EVENTS, registered);
        send(Topics.SCHEDULING_EVENTS, slot);
        // The two topics are consumed side by side: the slot may be stored before or after the receipt.
        awaitInbox(caseId, applicant, 2);
        send(Topics.APPLICATION_EVENTS, refused);

        JsonNode inbox = awaitInbox(caseId, applicant, 3);
        JsonNode receipt = notificationAnswering(inbox, registered);
        assertThat(receipt.get("kind").asString()).isEqualTo("RECEIPT");
        assertThat(receipt.get("channel").asString()).isEqualTo("PORTAL_INBOX");
        assertThat(receipt.get("language").asString()).isEqualTo("pt");
        assertThat(receipt.get("subject").asString())
                .isEqualTo("Pedido de reagrupamento familiar recebido (processo " + caseId + ")");
        assertThat(receipt.get("body").asString()).contains("submetido em 20 de novembro de 2026");
        assertThat(receipt.get("createdAt").asString()).isNotBlank();

        JsonNode appointment = notificationAnswering(inbox, slot);
        assertThat(appointment.get("kind").asString()).isEqualTo("APPOINTMENT");
        assertThat(appointment.get("body").asString())
                .contains("balcão LISBOA-1", "3 de dezembro de 2026", "09:30", "Traga os originais");

        JsonNode decision = notificationAnswering(inbox, refused);
        assertThat(decision.get("kind").asString()).isEqualTo("DECISION");
        assertThat(decision.get("subject").asString()).contains("indeferido");
        assertThat(decision.get("body").asString())
                .contains("interdição de entrada em Portugal", "Interdição de entrada em vigor.", "Direito de recurso");
        assertThat(inbox.get(2)).as("the decision came last").isEqualTo(decision);

        for (var trigger : List.of(registered, slot, refused)) {
            EventEnvelope<?> published = awaitPublished(caseId, trigger.eventId());
            assertThat(published.actor()).isEqualTo(Actor.system("notification-service"));
            assertThat(published.correlationId()).isEqualTo("corr-pt");
            assertThat(published.causationId()).isEqualTo(trigger.eventId().toString());
            var sent = (NotificationSent) published.payload();
            assertThat(sent.channel()).isEqualTo("PORTAL_INBOX");
            assertThat(sent.notificationId().toString())
                    .isEqualTo(notificationAnswering(inbox, trigger)
                            .get("notificationId")
                            .asString());
            assertThat(new String(codec.encode(published), StandardCharsets.UTF_8))
                    .as("neither the recipient nor the words leave the service")
                    .doesNotContain("applicant-pt", "reagrupamento", "LISBOA-1");
        }
    }

    @Test
    void writesToAnApplicantWhoPrefersEnglishInEnglish() {
        CaseId caseId = CaseId.newId();
        var registered = envelope(registration(caseId, "applicant-en", "en"), "corr-en");
        send(Topics.APPLICATION_EVENTS, registered);
        awaitInbox(caseId, token("applicant-en", "APPLICANT"), 1);
        var granted = envelope(new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "All conditions are met."), "c");
        send(Topics.APPLICATION_EVENTS, granted);

        JsonNode inbox = awaitInbox(caseId, token("applicant-en", "APPLICANT"), 2);
        assertThat(kinds(inbox)).containsExactly("RECEIPT", "DECISION");
        JsonNode receipt = inbox.get(0);
        assertThat(receipt.get("language").asString()).isEqualTo("en");
        assertThat(receipt.get("subject").asString())
                .isEqualTo("Family reunification application received (case " + caseId + ")");
        assertThat(receipt.get("body").asString()).contains("submitted on 20 November 2026", "What happens next");
        JsonNode decision = inbox.get(1);
        assertThat(decision.get("subject").asString())
                .isEqualTo("Family reunification application granted (case " + caseId + ")");
        assertThat(decision.get("body").asString()).contains("has been granted", "All conditions are met.");
    }

    @Test
    void aRedeliveredDecisionStoresOneNotification() {
        CaseId caseId = CaseId.newId();
        send(Topics.APPLICATION_EVENTS, envelope(registration(caseId, "applicant-redelivery", "pt"), "corr-r"));
        var decision = envelope(new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"), "corr-r");
        send(Topics.APPLICATION_EVENTS, decision);
        send(Topics.APPLICATION_EVENTS, decision);
        String staff = token("caseworker-1", "CASEWORKER");
        awaitInbox(caseId, staff, 2);

        // Even with the consumer's inbox row gone (a restored backup, a reset), the case remembers what it stored,
        // also when it is loaded from a snapshot.
        List<String> triggers = new ArrayList<>(List.of(decision.eventId().toString()));
        for (int round = 1; round <= 2; round++) {
            forgetInInbox(decision);
            send(Topics.APPLICATION_EVENTS, decision);
            // A later record of the same case, on the same partition, proves the copy was consumed before we count.
            var later = envelope(new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "round " + round), "corr-r");
            send(Topics.APPLICATION_EVENTS, later);
            triggers.add(later.eventId().toString());
            awaitInbox(caseId, staff, 2 + round);
            await().atMost(PATIENCE).until(() -> snapshots(caseId) > 0);
        }

        JsonNode inbox = awaitInbox(caseId, staff, 4);
        assertThat(triggers(inbox).subList(1, 4)).containsExactlyElementsOf(triggers);
        assertThat(storedEventTypes(caseId))
                .containsExactly(
                        "RecipientIdentified",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored");
    }

    @Test
    void keepsAnAppointmentThatArrivesBeforeTheRegistrationForTheCase() {
        CaseId caseId = CaseId.newId();
        var slot = envelope(
                new BiometricSlotAssigned(caseId, "PORTO-2", LocalDateTime.of(2026, 12, 4, 14, 0), 15), "corr-early");
        send(Topics.SCHEDULING_EVENTS, slot);
        JsonNode early = awaitInbox(caseId, token("operations-1", "OPERATIONS"), 1);
        assertThat(early.get(0).get("language").asString())
                .as("Portuguese until a preference is known")
                .isEqualTo("pt");
        assertThat(inboxStatus(caseId, token("applicant-early", "APPLICANT")))
                .as("nobody can show it is their case yet")
                .isEqualTo(403);

        send(Topics.APPLICATION_EVENTS, envelope(registration(caseId, "applicant-early", "en"), "corr-early"));
        JsonNode inbox = awaitInbox(caseId, token("applicant-early", "APPLICANT"), 2);
        assertThat(kinds(inbox)).containsExactly("APPOINTMENT", "RECEIPT");
        assertThat(inbox.get(0).get("language").asString()).isEqualTo("pt");
        assertThat(inbox.get(1).get("language").asString()).isEqualTo("en");
    }

    @Test
    void deadLettersMalformedRecordsAndKeepsConsuming() {
        CaseId caseId = CaseId.newId();
        producer.send(new ProducerRecord<>(
                Topics.APPLICATION_EVENTS, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        String brokenPayload =
                """
                {"eventId": "%s", "type": "DecisionIssued", "version": 1, "caseId": "%s",
                 "occurredAt": "2026-11-23T10:00:00Z", "actor": {"subject": "x", "role": "SYSTEM"},
                 "correlationId": "c", "causationId": "c", "payload": {"caseId": "%s", "outcome": "MAYBE"}}
                """
                        .formatted(UUID.randomUUID(), caseId, caseId);
        var broken = new ProducerRecord<>(
                Topics.APPLICATION_EVENTS, caseId.toString(), brokenPayload.getBytes(StandardCharsets.UTF_8));
        broken.headers().add(Topics.HEADER_EVENT_TYPE, "DecisionIssued".getBytes(StandardCharsets.UTF_8));
        producer.send(broken);
        send(Topics.APPLICATION_EVENTS, envelope(registration(caseId, "applicant-poison", "pt"), "corr-poison"));

        awaitInbox(caseId, token("applicant-poison", "APPLICANT"), 1);
        String deadLetters = Topics.deadLetterTopic(Topics.APPLICATION_EVENTS, "notification-service");
        List<String> reasons = new ArrayList<>();
        for (String start :
                List.of("MalformedEventException: not JSON", "MalformedEventException: DecisionIssued v1")) {
            ConsumerRecord<String, byte[]> dead = awaitRecord(
                    deadLetters,
                    r -> caseId.toString().equals(r.key()) && reason(r).startsWith(start));
            reasons.add(reason(dead));
        }
        assertThat(reasons).hasSize(2);
    }

    @Test
    void refusesBadRequestsAndStoresNothing() {
        CaseId caseId = CaseId.newId();
        send(Topics.APPLICATION_EVENTS, envelope(registration(caseId, "applicant-owner", "pt"), "corr-http"));
        awaitInbox(caseId, token("applicant-owner", "APPLICANT"), 1);
        long eventsBefore = storedEvents();

        ResponseEntity<JsonNode> malformed = http.get()
                .uri("/cases/{id}/notifications", "not-a-case-id")
                .header("Authorization", "Bearer " + token("applicant-owner", "APPLICANT"))
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(malformed.getBody().get("detail").asString()).contains("caseId");

        ResponseEntity<JsonNode> unknown = http.get()
                .uri("/cases/{id}/notifications", UUID.randomUUID())
                .header("Authorization", "Bearer " + token("caseworker-1", "CASEWORKER"))
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(inboxStatus(caseId, token("applicant-other", "APPLICANT"))).isEqualTo(403);
        assertThat(inboxStatus(caseId, null)).isEqualTo(401);
        assertThat(inboxStatus(caseId, token("auditor-1", "AUDITOR"))).isEqualTo(200);

        var write = http.post()
                .uri("/cases/{id}/notifications", caseId)
                .header("Authorization", "Bearer " + token("auditor-1", "AUDITOR"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .retrieve()
                .toBodilessEntity();
        assertThat(write.getStatusCode().value()).as("auditors change nothing").isEqualTo(403);

        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void rebuildingTheInboxFromTheEventStoreGivesTheSameInbox() {
        CaseId caseId = CaseId.newId();
        send(Topics.APPLICATION_EVENTS, envelope(registration(caseId, "applicant-rebuild", "en"), "corr-rebuild"));
        send(
                Topics.SCHEDULING_EVENTS,
                envelope(
                        new BiometricSlotAssigned(caseId, "FARO-1", LocalDateTime.of(2026, 12, 9, 11, 0), 20),
                        "corr-rebuild"));
        String staff = token("caseworker-1", "CASEWORKER");
        JsonNode live = awaitInbox(caseId, staff, 2);

        PooledStreamingEventProcessor processor = eventProcessing
                .eventProcessor("portal-inbox", PooledStreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inbox(caseId, staff)).isEqualTo(live));
    }

    private static ApplicationRegistered registration(CaseId caseId, String applicantId, String language) {
        return new ApplicationRegistered(
                caseId,
                applicantId,
                LocalDate.of(2026, 11, 20),
                List.of(new HouseholdMember(
                        MemberId.newId(), Relationship.MINOR_CHILD, LocalDate.of(2015, 3, 1), true)),
                language);
    }

    private static <E extends IntegrationEvent> EventEnvelope<E> envelope(E event, String correlationId) {
        return EventEnvelope.wrap(
                UUID.randomUUID(), Instant.now(), Actor.system("test"), correlationId, "cause", event);
    }

    private void send(String topic, EventEnvelope<?> envelope) {
        var record = new ProducerRecord<>(topic, envelope.caseId().toString(), codec.encode(envelope));
        record.headers()
                .add(Topics.HEADER_EVENT_ID, envelope.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_EVENT_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        Topics.HEADER_SCHEMA_VERSION,
                        Integer.toString(envelope.version()).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode inbox(CaseId caseId, String token) {
        return http.get()
                .uri("/cases/{id}/notifications", caseId)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .body(JsonNode.class);
    }

    private int inboxStatus(CaseId caseId, String token) {
        var request = http.get().uri("/cases/{id}/notifications", caseId);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }

    private JsonNode awaitInbox(CaseId caseId, String token, int notifications) {
        return await().atMost(PATIENCE)
                .until(
                        () -> inbox(caseId, token),
                        body -> body != null && body.isArray() && body.size() == notifications);
    }

    private static JsonNode notificationAnswering(JsonNode inbox, EventEnvelope<?> trigger) {
        for (JsonNode notification : inbox) {
            if (trigger.eventId()
                    .toString()
                    .equals(notification.get("triggeringEventId").asString())) {
                return notification;
            }
        }
        throw new AssertionError("no notification answers " + trigger.type() + " " + trigger.eventId());
    }

    private static List<String> kinds(JsonNode inbox) {
        List<String> kinds = new ArrayList<>();
        inbox.forEach(notification -> kinds.add(notification.get("kind").asString()));
        return kinds;
    }

    private static List<String> triggers(JsonNode inbox) {
        List<String> triggers = new ArrayList<>();
        inbox.forEach(notification ->
                triggers.add(notification.get("triggeringEventId").asString()));
        return triggers;
    }

    /**
     * The case's events as stored, read from the table: the audit endpoint starts from the latest snapshot, and these
     * tests snapshot early.
     */
    private List<String> storedEventTypes(CaseId caseId) {
        return jdbc
                .sql(
                        """
                select payload_type from domain_event_entry where aggregate_identifier = :id order by sequence_number
                """)
                .param("id", caseId.toString())
                .query(String.class)
                .list()
                .stream()
                .map(type -> type.substring(type.lastIndexOf('$') + 1))
                .toList();
    }

    private EventEnvelope<?> awaitPublished(CaseId caseId, UUID triggeringEventId) {
        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.NOTIFICATION_EVENTS, r -> {
            if (!caseId.toString().equals(r.key())) {
                return false;
            }
            return codec.decode(r.value()).payload() instanceof NotificationSent sent
                    && sent.triggeringEventId().equals(triggeringEventId);
        });
        return codec.decode(record.value());
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        Properties props = new Properties();
        props.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + PATIENCE);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("aima-dlt-reason");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void forgetInInbox(EventEnvelope<?> envelope) {
        jdbc.sql("delete from inbox where event_id = :eventId")
                .param("eventId", envelope.eventId())
                .update();
    }

    private long snapshots(CaseId caseId) {
        return jdbc.sql("select count(*) from snapshot_event_entry where aggregate_identifier = :id")
                .param("id", caseId.toString())
                .query(Long.class)
                .single();
    }

    private long storedEvents() {
        return jdbc.sql("select count(*) from domain_event_entry")
                .query(Long.class)
                .single();
    }

    private static String token(String subject, String role) {
        return LocalInfrastructure.shared().tokens().token(subject, role);
    }
}
