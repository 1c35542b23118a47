package pt.aima.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.EvidenceRequestExpired;
import pt.aima.kernel.document.EvidenceRequestReminderDue;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import tools.jackson.databind.JsonNode;

/**
 * The e-mail and SMS channels against a real SMTP server (GreenMail, in the test JVM), real PostgreSQL and Kafka:
 * every message in both languages, exactly once through redeliveries, a mail server that is down, and a replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationDeliveryIT extends NotificationServiceTestBase {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final LocalDateTime SLOT = LocalDateTime.of(2026, 12, 3, 9, 30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    private RestClient http;
    private IntegrationEventsClient kafka;
    private final TestMailServer mail = TestMailServer.shared();

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
        mail.start();
    }

    private record Expected(String subject, List<String> body) {}

    @Test
    void everyMessageArrivesByEmailWithItsContentInPortuguese() throws IOException {
        List<MimeMessage> mails =
                tellEverything("pt", "+3519" + (10_000_000 + new java.util.Random().nextInt(89_999_999)));
        assertMessages(
                mails,
                List.of(
                        new Expected("recebido", List.of("submetido em 20 de novembro de 2026", "O que acontece")),
                        new Expected(
                                "Documentos necessários",
                                List.of(
                                        "Do filho menor:",
                                        "- Passaporte ou documento de viagem: passaporte ou documento de viagem válido do"
                                                + " membro da família",
                                        "- Certidão de nascimento: prova do vínculo familiar de filho menor",
                                        "- Autorização de residência do requerente: exigido para o seu pedido")),
                        new Expected(
                                "Documento recusado: Passaporte",
                                List.of(
                                        "Motivo: a cópia não é legível.",
                                        "Nota do técnico (tal como escrita): The photo page is blurred.",
                                        "Como corrigir: Digitalize")),
                        new Expected(
                                "até 15 de janeiro de 2027",
                                List.of(
                                        "- Certidão de nascimento",
                                        "Nota do técnico (tal como escrita): A full birth certificate is needed.")),
                        new Expected("Lembrete", List.of("Prazo: 15 de janeiro de 2027")),
                        new Expected("Terminou o prazo", List.of("O prazo de 15 de janeiro de 2027 terminou")),
                        new Expected(
                                "marcada para 3 de dezembro de 2026",
                                List.of(
                                        "Local: balcão LISBOA-1",
                                        "Hora: 09:30",
                                        "Do filho menor:",
                                        "- Passaporte ou documento de viagem",
                                        "- Certidão de nascimento",
                                        "- Autorização de residência do requerente")),
                        new Expected(
                                "passou para 10 de dezembro de 2026",
                                List.of(
                                        "balcão LISBOA-1, 3 de dezembro de 2026 às 09:30",
                                        "balcão PORTO-2, 10 de dezembro de 2026 às 11:00",
                                        "Motivo: o balcão está encerrado nesse dia.",
                                        "Nota da AIMA (tal como escrita): Greve.")),
                        new Expected("Faltou à recolha", List.of("balcão PORTO-2", "A AIMA marcou uma nova data")),
                        new Expected(
                                "indeferido",
                                List.of(
                                        "- interdição de entrada em Portugal",
                                        "Fundamentação: Interdição em vigor.",
                                        "Direito de recurso",
                                        "15 dias úteis",
                                        "3 meses"))));
        for (MimeMessage mail : mails) {
            assertThat(TestMailServer.body(mail))
                    .doesNotContain("The sponsor's legal residence", "Proof of the family tie", "A valid passport");
        }
    }

    @Test
    void everyMessageArrivesByEmailWithItsContentInEnglish() throws IOException {
        List<MimeMessage> mails = tellEverything("en", null);
        assertMessages(
                mails,
                List.of(
                        new Expected(
                                "application received", List.of("submitted on 20 November 2026", "What happens next")),
                        new Expected(
                                "Documents needed",
                                List.of(
                                        "For the minor child:",
                                        "- Passport or travel document: a valid passport or travel document of the member",
                                        "- Birth certificate: proof of the family tie for a minor child",
                                        "- Sponsor's residence permit: required for your application")),
                        new Expected(
                                "A document was rejected: Passport",
                                List.of(
                                        "Reason: the copy cannot be read.",
                                        "Caseworker's note (as written): The photo page is blurred.",
                                        "How to fix it: Scan or photograph")),
                        new Expected(
                                "more evidence by 15 January 2027",
                                List.of(
                                        "- Birth certificate",
                                        "Caseworker's note (as written): A full birth certificate is needed.")),
                        new Expected("Reminder", List.of("15 January 2027")),
                        new Expected("deadline for evidence has passed", List.of("The deadline of 15 January 2027")),
                        new Expected(
                                "Biometric appointment on 3 December 2026",
                                List.of(
                                        "Place: service desk LISBOA-1",
                                        "Time: 09:30",
                                        "For the minor child:",
                                        "- Passport or travel document",
                                        "- Birth certificate",
                                        "- Sponsor's residence permit")),
                        new Expected(
                                "moved to 10 December 2026",
                                List.of(
                                        "service desk LISBOA-1, 3 December 2026 at 09:30",
                                        "service desk PORTO-2, 10 December 2026 at 11:00",
                                        "Why: the service desk is closed on that day.",
                                        "Note from AIMA (as written): Greve.")),
                        new Expected(
                                "You missed your biometric appointment",
                                List.of("service desk PORTO-2", "AIMA has booked a new appointment")),
                        new Expected(
                                "application refused",
                                List.of(
                                        "- a ban on entering Portugal",
                                        "Right to appeal",
                                        "15 working days",
                                        "3 months"))));
    }

    /** One case through every step; returns its e-mails in order of arrival. */
    private List<MimeMessage> tellEverything(String language, String phone) throws IOException {
        CaseId caseId = CaseId.newId();
        String email = "applicant-" + caseId + "@example.org";
        MemberId child = MemberId.newId();
        MemberId sponsor = MemberId.newId();
        String corr = "corr-all-" + language;
        kafka.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, phone, language), corr);
        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, child, language), corr);
        awaitMails(email, 1);
        int expected = 0;
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new DocumentChecklistOpened(
                        caseId,
                        List.of(
                                new RequiredDocument(
                                        child,
                                        "PASSPORT",
                                        "A valid passport or travel document of the member",
                                        "VALID_TRAVEL_DOCUMENT",
                                        Map.of()),
                                new RequiredDocument(
                                        child,
                                        "BIRTH_CERTIFICATE",
                                        "Proof of the family tie for a minor child: authenticated birth certificate",
                                        "MINOR_CHILD_TIE",
                                        Map.of()),
                                // published before reasons had codes: the generic reason, never these words
                                new RequiredDocument(
                                        sponsor, "SPONSOR_RESIDENCE_PERMIT", "The sponsor's legal residence"))),
                corr);
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new DocumentRejected(
                        caseId, DocumentId.newId(), child, "PASSPORT", "ILLEGIBLE", "The photo page is blurred."),
                corr);
        String request = UUID.randomUUID().toString();
        LocalDate respondBy = LocalDate.of(2027, 1, 15);
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new EvidenceRequested(
                        caseId,
                        request,
                        child,
                        List.of("BIRTH_CERTIFICATE"),
                        "A full birth certificate is needed.",
                        respondBy),
                corr);
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new EvidenceRequestReminderDue(caseId, request, child, List.of("BIRTH_CERTIFICATE"), respondBy),
                corr);
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new EvidenceRequestExpired(caseId, request, child, List.of("BIRTH_CERTIFICATE"), respondBy),
                corr);
        expected = step(
                email,
                ++expected,
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(caseId, "LISBOA-1", SLOT, 30),
                corr);
        LocalDateTime later = LocalDateTime.of(2026, 12, 10, 11, 0);
        expected = step(
                email,
                ++expected,
                Topics.SCHEDULING_EVENTS,
                new BiometricAppointmentRescheduled(
                        caseId, "PORTO-2", "LISBOA-1", SLOT, later, 30, "DESK_CLOSED", "Greve."),
                corr);
        expected = step(
                email,
                ++expected,
                Topics.SCHEDULING_EVENTS,
                new BiometricAppointmentMissed(caseId, "PORTO-2", later, BiometricAppointmentMissed.Next.RESCHEDULED),
                corr);
        var decision = kafka.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(caseId, Outcome.REFUSED, List.of("ENTRY_BAN"), "Interdição em vigor."),
                corr);
        List<MimeMessage> mails = awaitMails(email, expected + 2);

        EventEnvelope<?> sent = awaitNotificationEvent(caseId, decision.eventId(), "EMAIL");
        assertThat(((NotificationSent) sent.payload()).kind()).isEqualTo("DECISION");
        assertThat(sent.correlationId()).isEqualTo(corr);
        if (phone != null) {
            // By SMS too, from the moment the phone number is known (the receipt may have been written before).
            List<String> sms = await().atMost(PATIENCE)
                    .until(() -> smsTo(phone), texts -> texts.stream().anyMatch(t -> t.contains("indeferido")));
            assertThat(sms.size()).isBetween(mails.size() - 1, mails.size());
        }
        assertThat(inboxKinds(caseId))
                .containsExactly(
                        "RECEIPT",
                        "CHECKLIST",
                        "DOCUMENT_REJECTED",
                        "EVIDENCE_REQUESTED",
                        "EVIDENCE_REMINDER",
                        "EVIDENCE_EXPIRED",
                        "APPOINTMENT",
                        "APPOINTMENT_RESCHEDULED",
                        "APPOINTMENT_MISSED",
                        "DECISION");
        return mails;
    }

    /** Publishes a step and waits for its e-mail, so the next step's text can build on it. */
    private int step(
            String email, int mailsSoFar, String topic, pt.aima.kernel.envelope.IntegrationEvent event, String corr) {
        kafka.publish(topic, event, corr);
        awaitMails(email, mailsSoFar + 1);
        return mailsSoFar;
    }

    private static void assertMessages(List<MimeMessage> mails, List<Expected> expected) {
        assertThat(mails).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            MimeMessage mail = mails.get(i);
            assertThat(TestMailServer.subject(mail)).contains(expected.get(i).subject());
            assertThat(TestMailServer.body(mail)).contains(expected.get(i).body());
        }
    }

    @Test
    void aRedeliveredRecordSendsNothingMore() {
        CaseId caseId = CaseId.newId();
        String email = "redelivery-" + caseId + "@example.org";
        kafka.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, null, "en"), "corr-r");
        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "en"), "corr-r");
        var granted = kafka.envelope(new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"), "corr-r");
        kafka.send(Topics.APPLICATION_EVENTS, granted);
        kafka.send(Topics.APPLICATION_EVENTS, granted);
        awaitMails(email, 2);
        // Also with the consumer's inbox row gone, the case remembers what it stored.
        jdbc.sql("delete from inbox where event_id = :id")
                .param("id", granted.eventId())
                .update();
        kafka.send(Topics.APPLICATION_EVENTS, granted);
        // A later record of the same case, on the same partition, proves the copies were consumed before we count.
        kafka.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(caseId, Outcome.REFUSED, List.of("ENTRY_BAN"), "later"),
                "corr-r");
        List<MimeMessage> mails = awaitMails(email, 3);
        settle();
        assertThat(mail.messagesTo(email)).hasSize(3);
        assertThat(mails.stream().map(TestMailServer::subject))
                .filteredOn(subject -> subject.contains("granted"))
                .hasSize(1);
        assertThat(deliveries(caseId, "SENT")).isEqualTo(3);
    }

    @Test
    void whileTheMailServerIsDownEverythingWaitsAndGoesOutOnceWhenItReturns() {
        CaseId caseId = CaseId.newId();
        String email = "outage-" + caseId + "@example.org";
        mail.stop();
        try {
            kafka.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, null, "pt"), "corr-down");
            kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "pt"), "corr-down");
            kafka.publish(
                    Topics.APPLICATION_EVENTS,
                    new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"),
                    "corr-down");
            // The portal inbox does not wait for the mail server.
            await().atMost(PATIENCE).until(() -> inboxKinds(caseId).size() == 2);
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode pending = operations("PENDING", caseId);
                assertThat(pending).hasSize(2);
                pending.forEach(delivery -> {
                    assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
                    assertThat(delivery.get("lastError").asString()).contains("mail server unavailable");
                });
            });
        } finally {
            mail.start();
        }
        List<MimeMessage> mails = awaitMails(email, 2);
        assertThat(mails.stream().map(TestMailServer::subject))
                .anyMatch(subject -> subject.contains("recebido"))
                .anyMatch(subject -> subject.contains("deferido"));
        await().atMost(PATIENCE).until(() -> deliveries(caseId, "SENT") == 2);
        settle();
        assertThat(mail.messagesTo(email)).as("each delivered once").hasSize(2);
        assertThat(operations("FAILED", caseId)).isEmpty();
    }

    @Test
    void aReplayOfThePortalInboxSendsNothing() {
        CaseId caseId = CaseId.newId();
        String email = "replay-" + caseId + "@example.org";
        kafka.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, null, "en"), "corr-replay");
        kafka.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "en"), "corr-replay");
        kafka.publish(Topics.SCHEDULING_EVENTS, new BiometricSlotAssigned(caseId, "FARO-1", SLOT, 20), "corr-replay");
        awaitMails(email, 2);
        long deliveriesBefore = jdbc.sql("select count(*) from notification_delivery")
                .query(Long.class)
                .single();
        // The portal inbox is a projection and may trail the e-mails, which go out from the outbox.
        List<String> inboxBefore = await().atMost(PATIENCE).until(() -> inboxKinds(caseId), kinds -> kinds.size() == 2);

        assertThat(eventProcessing.eventProcessor("delivery-outbox", SubscribingEventProcessor.class))
                .as("the outbox is filled in the command's transaction and has no token to reset")
                .isPresent();
        PooledStreamingEventProcessor processor = eventProcessing
                .eventProcessor("portal-inbox", PooledStreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(PATIENCE).until(() -> inboxKinds(caseId).equals(inboxBefore));
        settle();
        assertThat(mail.messagesTo(email)).hasSize(2);
        assertThat(jdbc.sql("select count(*) from notification_delivery")
                        .query(Long.class)
                        .single())
                .isEqualTo(deliveriesBefore);
    }

    @Test
    void anUnknownCaseOrAnApplicantWithoutContactFailsVisiblyToOperationsAndTheConsumerGoesOn() {
        CaseId unknown = CaseId.newId();
        var decision = kafka.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(unknown, Outcome.GRANTED, List.of(), "ok"),
                "corr-unknown");
        CaseId noEmail = CaseId.newId();
        kafka.publish(Topics.APPLICANT_CONTACTS, contact(noEmail, null, null, "pt"), "corr-no-email");
        var registered =
                kafka.publish(Topics.APPLICATION_EVENTS, registration(noEmail, MemberId.newId(), "pt"), "corr-ne");

        EventEnvelope<?> failed = awaitNotificationEvent(unknown, decision.eventId(), "EMAIL");
        var payload = (NotificationFailed) failed.payload();
        assertThat(payload.reasonCode()).isEqualTo("NO_CONTACT_DATA");
        assertThat(payload.kind()).isEqualTo("DECISION");
        EventEnvelope<?> noAddress = awaitNotificationEvent(noEmail, registered.eventId(), "EMAIL");
        assertThat(((NotificationFailed) noAddress.payload()).reason()).contains("gave no email");

        JsonNode visible = operations("FAILED", unknown);
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("failureCode").asString()).isEqualTo("NO_CONTACT_DATA");
        assertThat(visible.get(0).get("failureReason").asString()).contains("unknown");
        assertThat(visible.get(0).get("kind").asString()).isEqualTo("DECISION");
        assertThat(status("/operations/deliveries", token("caseworker-1", "CASEWORKER")))
                .isEqualTo(403);
        assertThat(status("/operations/deliveries", token("applicant-x", "APPLICANT")))
                .isEqualTo(403);

        // Operations put a failed delivery back in the queue (here it fails again: there is still no address).
        String noEmailDelivery =
                operations("FAILED", noEmail).get(0).get("notificationId").asString();
        assertThat(retry(noEmailDelivery, token("operations-1", "OPERATIONS"))).isEqualTo(202);
        assertThat(retry(noEmailDelivery, token("operations-1", "OPERATIONS")))
                .as("no longer failed")
                .isIn(202, 404);
        assertThat(retry(UUID.randomUUID().toString(), token("operations-1", "OPERATIONS")))
                .isEqualTo(404);
        assertThat(retry(noEmailDelivery, token("caseworker-1", "CASEWORKER"))).isEqualTo(403);
        await().atMost(PATIENCE).until(() -> operations("FAILED", noEmail).size() == 1);

        // The contact arrives late after all: operations need not do anything, the failed e-mail goes out.
        String late = "late-" + unknown + "@example.org";
        kafka.publish(Topics.APPLICANT_CONTACTS, contact(unknown, late, null, "pt"), "corr-unknown");
        awaitMails(late, 1);
        await().atMost(PATIENCE).until(() -> operations("FAILED", unknown).isEmpty());
    }

    private List<MimeMessage> awaitMails(String email, int count) {
        return await().atMost(PATIENCE).until(() -> mail.messagesTo(email), mails -> mails.size() >= count);
    }

    /** Gives a duplicate the time it would need to arrive: several sender polls. */
    private static void settle() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EventEnvelope<?> awaitNotificationEvent(CaseId caseId, UUID trigger, String channel) {
        var record = kafka.awaitRecord(Topics.NOTIFICATION_EVENTS, r -> {
            if (!caseId.toString().equals(r.key())) {
                return false;
            }
            return switch (codec.decode(r.value()).payload()) {
                case NotificationSent sent ->
                    sent.triggeringEventId().equals(trigger) && sent.channel().equals(channel);
                case NotificationFailed failed ->
                    failed.triggeringEventId().equals(trigger)
                            && failed.channel().equals(channel);
                default -> false;
            };
        });
        return codec.decode(record.value());
    }

    private long deliveries(CaseId caseId, String status) {
        return jdbc.sql("select count(*) from notification_delivery where case_id = :id and status = :status")
                .param("id", caseId.value())
                .param("status", status)
                .query(Long.class)
                .single();
    }

    private JsonNode operations(String status, CaseId caseId) {
        return http.get()
                .uri("/operations/deliveries?status={s}&caseId={c}", status, caseId)
                .header("Authorization", "Bearer " + token("operations-1", "OPERATIONS"))
                .retrieve()
                .body(JsonNode.class);
    }

    private int status(String path, String token) {
        return http.get()
                .uri(path)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    private int retry(String notificationId, String token) {
        return http.post()
                .uri("/operations/deliveries/{id}/retry", notificationId)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    private List<String> inboxKinds(CaseId caseId) {
        JsonNode inbox = http.get()
                .uri("/cases/{id}/notifications", caseId)
                .header("Authorization", "Bearer " + token("caseworker-1", "CASEWORKER"))
                .retrieve()
                .body(JsonNode.class);
        List<String> kinds = new ArrayList<>();
        if (inbox != null && inbox.isArray()) {
            inbox.forEach(notification -> kinds.add(notification.get("kind").asString()));
        }
        return kinds;
    }

    private static List<String> smsTo(String phone) throws IOException {
        Path directory = Path.of(SMS_DIRECTORY);
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                String text = Files.readString(file);
                if (text.startsWith(phone + "\n")) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    private static ApplicantContactRegistered contact(CaseId caseId, String email, String phone, String language) {
        return new ApplicantContactRegistered(caseId, "applicant-" + caseId, email, phone, language);
    }

    private static ApplicationRegistered registration(CaseId caseId, MemberId child, String language) {
        return new ApplicationRegistered(
                caseId,
                "applicant-" + caseId,
                LocalDate.of(2026, 11, 20),
                List.of(new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2015, 3, 1), true)),
                language);
    }

    private static String token(String subject, String role) {
        return LocalInfrastructure.shared().tokens().token(subject, role);
    }
}
