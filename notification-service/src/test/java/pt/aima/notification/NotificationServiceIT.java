package pt.aima.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import tools.jackson.databind.JsonNode;

/**
 * notification-service against a real PostgreSQL and a real Kafka broker: the steps of a case arrive over Kafka, the
 * applicant reads the notifications in the portal inbox, and every notification is announced on the service's topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceIT extends NotificationServiceTestBase {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    private RestClient http;
    private IntegrationEventsClient kafka;

    @BeforeAll
    void connect() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        kafka = IntegrationEventsClient.connect();
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @Test
    void tellsTheApplicantEveryStepInPortugueseAndAnnouncesEachNotification() {
        CaseId caseId = CaseId.newId();
        var registered = kafka.envelope(registration(caseId, "applicant-pt", "pt"), "corr-pt");
        var slot = kafka.envelope(
                new BiometricSlotAssigned(caseId, "LISBOA-1", LocalDateTime.of(2026, 12, 3, 9, 30), 30), "corr-pt");
        var refused = kafka.envelope(
                new DecisionIssued(caseId, Outcome.REFUSED, List.of("ENTRY_BAN"), "Interdição de entrada em vigor."),
                "corr-pt");
        String applicant = token("applicant-pt", "APPLICANT");
        kafka.send(Topics.APPLICATION_EVENTS, registered);
        kafka.send(Topics.SCHEDULING_EVENTS, slot);
        // The two topics are consumed side by side: the slot may be stored before or after the receipt.
        awaitInbox(caseId, applicant, 2);
        kafka.send(Topics.APPLICATION_EVENTS, refused);

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
        var registered = kafka.envelope(registration(caseId, "applicant-en", "en"), "corr-en");
        kafka.send(Topics.APPLICATION_EVENTS, registered);
        awaitInbox(caseId, token("applicant-en", "APPLICANT"), 1);
        kafka.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "All conditions are met."),
                "c");

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
        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-redelivery", "pt"), "corr-r");
        var decision = kafka.envelope(new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"), "corr-r");
        kafka.send(Topics.APPLICATION_EVENTS, decision);
        kafka.send(Topics.APPLICATION_EVENTS, decision);
        String staff = token("caseworker-1", "CASEWORKER");
        awaitInbox(caseId, staff, 2);

        // Even with the consumer's inbox row gone (a restored backup, a reset), the case remembers what it stored,
        // also when it is loaded from a snapshot.
        List<String> triggers = new ArrayList<>(List.of(decision.eventId().toString()));
        for (int round = 1; round <= 2; round++) {
            forgetInInbox(decision);
            kafka.send(Topics.APPLICATION_EVENTS, decision);
            // A later record of the same case, on the same partition, proves the copy was consumed before we count.
            var later = kafka.publish(
                    Topics.APPLICATION_EVENTS,
                    new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "round " + round),
                    "corr-r");
            triggers.add(later.eventId().toString());
            awaitInbox(caseId, staff, 2 + round);
            await().atMost(PATIENCE).until(() -> snapshots(caseId) > 0);
        }

        JsonNode inbox = awaitInbox(caseId, staff, 4);
        assertThat(triggers(inbox).subList(1, 4)).containsExactlyElementsOf(triggers);
        assertThat(storedEventTypes(caseId))
                .as("one receipt and three decisions, each in the portal inbox and by e-mail")
                .containsExactly(
                        "RecipientIdentified",
                        "HouseholdNoted",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored",
                        "NotificationStored");
    }

    @Test
    void keepsAnAppointmentThatArrivesBeforeTheRegistrationForTheCase() {
        CaseId caseId = CaseId.newId();
        var slot = kafka.envelope(
                new BiometricSlotAssigned(caseId, "PORTO-2", LocalDateTime.of(2026, 12, 4, 14, 0), 15), "corr-early");
        kafka.send(Topics.SCHEDULING_EVENTS, slot);
        JsonNode early = awaitInbox(caseId, token("operations-1", "OPERATIONS"), 1);
        assertThat(early.get(0).get("language").asString())
                .as("Portuguese until a preference is known")
                .isEqualTo("pt");
        assertThat(inboxStatus(caseId, token("applicant-early", "APPLICANT")))
                .as("nobody can show it is their case yet")
                .isEqualTo(403);

        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-early", "en"), "corr-early");
        JsonNode inbox = awaitInbox(caseId, token("applicant-early", "APPLICANT"), 2);
        assertThat(kinds(inbox)).containsExactly("APPOINTMENT", "RECEIPT");
        assertThat(inbox.get(0).get("language").asString()).isEqualTo("pt");
        assertThat(inbox.get(1).get("language").asString()).isEqualTo("en");
    }

    @Test
    void deadLettersMalformedRecordsAndKeepsConsuming() {
        CaseId caseId = CaseId.newId();
        kafka.sendRaw(new ProducerRecord<>(
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
        kafka.sendRaw(broken);
        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-poison", "pt"), "corr-poison");

        awaitInbox(caseId, token("applicant-poison", "APPLICANT"), 1);
        String deadLetters = Topics.deadLetterTopic(Topics.APPLICATION_EVENTS, "notification-service");
        List<String> reasons = new ArrayList<>();
        for (String start :
                List.of("MalformedEventException: not JSON", "MalformedEventException: DecisionIssued v1")) {
            ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(
                    deadLetters,
                    r -> caseId.toString().equals(r.key()) && reason(r).startsWith(start));
            reasons.add(reason(dead));
        }
        assertThat(reasons).hasSize(2);
    }

    @Test
    void refusesBadRequestsAndStoresNothing() {
        CaseId caseId = CaseId.newId();
        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-owner", "pt"), "corr-http");
        awaitInbox(caseId, token("applicant-owner", "APPLICANT"), 1);
        long eventsBefore = storedEvents(caseId);

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
        assertThat(write.getStatusCode().value())
                .as("there is no way to write an inbox (every endpoint's roles are checked by the access guard)")
                .isEqualTo(405);

        assertThat(storedEvents(caseId)).isEqualTo(eventsBefore);
    }

    @Test
    void rebuildingTheInboxFromTheEventStoreGivesTheSameInbox() {
        CaseId caseId = CaseId.newId();
        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-rebuild", "en"), "corr-rebuild");
        kafka.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(caseId, "FARO-1", LocalDateTime.of(2026, 12, 9, 11, 0), 20),
                "corr-rebuild");
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
                // The e-mails of these cases fail for the lack of contact data, at a time of their own.
                .filter(type -> !type.equals("NotificationDeliveryFailed"))
                .toList();
    }

    private EventEnvelope<?> awaitPublished(CaseId caseId, UUID triggeringEventId) {
        ConsumerRecord<String, byte[]> record = kafka.awaitRecord(Topics.NOTIFICATION_EVENTS, r -> {
            if (!caseId.toString().equals(r.key())) {
                return false;
            }
            return codec.decode(r.value()).payload() instanceof NotificationSent sent
                    && sent.triggeringEventId().equals(triggeringEventId);
        });
        return codec.decode(record.value());
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        String reason = IntegrationEventsClient.header(record, "aima-dlt-reason");
        return reason == null ? "" : reason;
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

    /**
     * The events stored for one case. Counted per case, not over the whole store: the context is shared with the other
     * tests of the class, whose cases may still be delivering while this one runs.
     */
    private long storedEvents(CaseId caseId) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                .param(caseId.toString())
                .query(Long.class)
                .single();
    }

    private static String token(String subject, String role) {
        return LocalInfrastructure.shared().tokens().token(subject, role);
    }
}
