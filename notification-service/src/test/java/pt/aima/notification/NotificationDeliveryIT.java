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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.EvidenceRequestExpired;
import pt.aima.kernel.document.EvidenceRequestReminderDue;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.notification.casenotifications.Channel;
import pt.aima.notification.process.delivery.DeliveryChannel;
import pt.aima.notification.process.delivery.DeliveryFailure;
import pt.aima.notification.process.delivery.DeliveryOutboxStore;
import pt.aima.notification.process.delivery.DeliveryReporter;
import pt.aima.notification.process.delivery.DeliverySender;
import pt.aima.notification.process.delivery.EmailChannel;
import pt.aima.notification.process.delivery.OutboundMessage;
import pt.aima.notification.process.delivery.RetryPolicy;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * The e-mail and SMS channels against a real SMTP server (GreenMail, in the test JVM), real PostgreSQL and Kafka:
 * every message in both languages, exactly once through redeliveries, a mail server that is down, and a replay.
 */
class NotificationDeliveryIT extends NotificationServiceTestBase {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private static final LocalDateTime SLOT = LocalDateTime.of(2026, 12, 3, 9, 30);

    private final TestMailServer mail = TestMailServer.shared();

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
        // The contact first, so that every notification, the receipt too, goes out by every channel it gives.
        service.awaitConsumed(service.kafka()
                .send(Topics.APPLICANT_CONTACTS, service.envelope(contact(caseId, email, phone, language))));
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, child, language));
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
                                        sponsor, "SPONSOR_RESIDENCE_PERMIT", "The sponsor's legal residence"))));
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new DocumentRejected(
                        caseId, DocumentId.newId(), child, "PASSPORT", "ILLEGIBLE", "The photo page is blurred."));
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
                        respondBy));
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new EvidenceRequestReminderDue(caseId, request, child, List.of("BIRTH_CERTIFICATE"), respondBy));
        expected = step(
                email,
                ++expected,
                Topics.DOCUMENT_EVENTS,
                new EvidenceRequestExpired(caseId, request, child, List.of("BIRTH_CERTIFICATE"), respondBy));
        expected = step(
                email, ++expected, Topics.SCHEDULING_EVENTS, new BiometricSlotAssigned(caseId, "LISBOA-1", SLOT, 30));
        LocalDateTime later = LocalDateTime.of(2026, 12, 10, 11, 0);
        expected = step(
                email,
                ++expected,
                Topics.SCHEDULING_EVENTS,
                new BiometricAppointmentRescheduled(
                        caseId, "PORTO-2", "LISBOA-1", SLOT, later, 30, "DESK_CLOSED", "Greve."));
        expected = step(
                email,
                ++expected,
                Topics.SCHEDULING_EVENTS,
                new BiometricAppointmentMissed(caseId, "PORTO-2", later, BiometricAppointmentMissed.Next.RESCHEDULED));
        var decision = service.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(caseId, Outcome.REFUSED, List.of("ENTRY_BAN"), "Interdição em vigor."));
        List<MimeMessage> mails = awaitMails(email, expected + 2);

        EventEnvelope<?> sent = awaitNotificationEvent(caseId, decision.eventId(), "EMAIL");
        assertThat(((NotificationSent) sent.payload()).kind()).isEqualTo("DECISION");
        assertThat(sent.correlationId()).isEqualTo(service.correlationId());
        awaitDeliveriesSettled(caseId);
        assertThat(mail.messagesTo(email)).as("each e-mail once").hasSameSizeAs(mails);
        if (phone != null) {
            // By SMS too: the same messages, the phone number being known before the first of them was written.
            assertThat(smsTo(phone)).hasSameSizeAs(mails).anyMatch(text -> text.contains("indeferido"));
        }
        // The portal inbox is a projection and may trail the e-mails, which go out from the outbox.
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> assertThat(inboxKinds(caseId))
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
                        "DECISION"));
        return mails;
    }

    /** Publishes a step and waits for its e-mail, so the next step's text can build on it. */
    private int step(String email, int mailsSoFar, String topic, IntegrationEvent event) {
        service.publish(topic, event);
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
        service.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, null, "en"));
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "en"));
        var granted = service.envelope(new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"));
        service.kafka().send(Topics.APPLICATION_EVENTS, granted);
        service.awaitConsumed(service.kafka().send(Topics.APPLICATION_EVENTS, granted));
        awaitMails(email, 2);
        // Also with the consumer's inbox row gone, the case remembers what it stored.
        service.inbox().forget(granted);
        service.awaitConsumed(service.kafka().send(Topics.APPLICATION_EVENTS, granted));
        awaitDeliveriesSettled(caseId);

        List<MimeMessage> mails = mail.messagesTo(email);
        assertThat(mails).as("the receipt and the decision, once each").hasSize(2);
        assertThat(mails.stream().map(TestMailServer::subject))
                .filteredOn(subject -> subject.contains("granted"))
                .hasSize(1);
        assertThat(deliveries(caseId, "SENT")).isEqualTo(2);
        assertThat(deliveries(caseId)).isEqualTo(2);
    }

    /**
     * Two instances' senders over one outbox, as two notification-service instances share one database: every e-mail
     * goes once, by one or the other. Each sender's first message of this test's cases waits until the other has begun
     * one, so both hold a row at once and the one that read the other's locked row as due went on past it.
     */
    @Test
    void twoSendersShareTheOutboxAndSendEachMessageOnce() {
        List<CaseId> cases = Stream.generate(CaseId::newId).limit(12).toList();
        Set<UUID> ours = cases.stream().map(CaseId::value).collect(Collectors.toSet());
        CountDownLatch firstBegun = new CountDownLatch(1);
        CountDownLatch secondBegun = new CountDownLatch(1);
        Instance first = new Instance(ours, firstBegun, secondBegun);
        Instance second = new Instance(ours, secondBegun, firstBegun);
        whileTheSenderIsStopped(() -> {
            for (CaseId caseId : cases) {
                service.publish(Topics.APPLICANT_CONTACTS, contact(caseId, shared(caseId), null, "pt"));
                service.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "pt"));
            }
            await().atMost(ServiceHarness.PATIENCE)
                    .until(() -> cases.stream().allMatch(caseId -> deliveries(caseId, "PENDING") == 1));
            first.sender.start();
            second.sender.start();
            try {
                cases.forEach(NotificationServiceTestBase::awaitDeliveriesSettled);
            } finally {
                first.sender.stop();
                second.sender.stop();
            }
        });

        List<UUID> byFirst = first.casesSent(ours);
        List<UUID> bySecond = second.casesSent(ours);
        assertThat(byFirst).as("the first instance's share").isNotEmpty();
        assertThat(bySecond).as("the second instance's share").isNotEmpty();
        assertThat(Stream.concat(byFirst.stream(), bySecond.stream()).toList())
                .as("every case's receipt sent by one instance, once")
                .containsExactlyInAnyOrderElementsOf(ours);
        for (CaseId caseId : cases) {
            assertThat(mail.messagesTo(shared(caseId)))
                    .as("the mail server got it once")
                    .hasSize(1);
            assertThat(deliveries(caseId, "SENT")).isEqualTo(1);
        }
    }

    private static String shared(CaseId caseId) {
        return "shared-outbox-" + caseId + "@example.org";
    }

    /**
     * A second instance's delivery sender, built as the service builds its own, over the same database and mail server;
     * its e-mail channel records what it sent and, at its first message of this test's cases, marks it begun and waits
     * for the other one's (a message another test left due is sent without waiting).
     */
    private static final class Instance {

        final DeliverySender sender;
        private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

        Instance(Set<UUID> ours, CountDownLatch begun, CountDownLatch otherBegun) {
            var spring = service.spring();
            DeliveryOutboxStore store = spring.getBean(DeliveryOutboxStore.class);
            TransactionTemplate transaction = new TransactionTemplate(spring.getBean(PlatformTransactionManager.class));
            CaseTracing tracing = spring.getBean(CaseTracing.class);
            EmailChannel email =
                    new EmailChannel(spring.getBeanProvider(JavaMailSender.class), "notificacoes@aima.gov.pt");
            DeliveryChannel recording = new DeliveryChannel() {
                @Override
                public Channel channel() {
                    return email.channel();
                }

                @Override
                public String contactColumn() {
                    return email.contactColumn();
                }

                @Override
                public void deliver(OutboundMessage message) throws DeliveryFailure {
                    if (ours.contains(message.caseId()) && begun.getCount() > 0) {
                        begun.countDown();
                        awaitQuietly(otherBegun);
                    }
                    email.deliver(message);
                    sent.add(message);
                }

                @Override
                public void release() {
                    email.release();
                }
            };
            sender = new DeliverySender(
                    store,
                    new DeliveryReporter(
                            store,
                            transaction,
                            spring.getBean(ActingCommandGateway.class),
                            "notification-service",
                            tracing),
                    transaction,
                    List.of(recording),
                    new RetryPolicy(Duration.ofMillis(300), Duration.ofSeconds(1), 0),
                    Duration.ofMillis(100),
                    50,
                    Duration.ofSeconds(3),
                    tracing);
        }

        /** The cases, of {@code ours}, whose messages this instance sent. */
        List<UUID> casesSent(Set<UUID> ours) {
            return sent.stream()
                    .map(OutboundMessage::caseId)
                    .filter(ours::contains)
                    .toList();
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(ServiceHarness.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Outcomes are reported to their cases a poll's batch at a time, in one transaction; one the case cannot take (here
     * a delivery row of a case this service never stored, the oldest of all, so in every batch) rolls the batch back,
     * and the others are then reported one at a time: none is held back, and the one that failed stays unreported,
     * to be tried again.
     */
    @Test
    void aReportItsCaseCannotTakeHoldsBackNoOtherReport() {
        UUID orphan = UUID.randomUUID();
        jdbc().sql(
                        """
                insert into notification_delivery (notification_id, case_id, triggering_event_id, kind, channel,
                    language, subject, body, status, attempts, next_attempt_at, correlation_id, created_at, sent_at)
                values (:id, :caseId, :trigger, 'DECISION', 'EMAIL', 'pt', 's', 'b', 'SENT', 1,
                    timestamptz '2000-01-01 00:00Z', 'orphan', timestamptz '2000-01-01 00:00Z', now())
                """)
                .param("id", orphan)
                .param("caseId", UUID.randomUUID())
                .param("trigger", UUID.randomUUID())
                .update();
        try {
            CaseId caseId = CaseId.newId();
            String email = "reported-" + caseId + "@example.org";
            service.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, null, "pt"));
            var registered = service.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "pt"));
            var decided = service.publish(
                    Topics.APPLICATION_EVENTS, new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"));
            awaitMails(email, 2);
            awaitDeliveriesSettled(caseId);
            assertThat(awaitNotificationEvent(caseId, registered.eventId(), "EMAIL")
                            .payload())
                    .isInstanceOf(NotificationSent.class);
            assertThat(awaitNotificationEvent(caseId, decided.eventId(), "EMAIL")
                            .payload())
                    .isInstanceOf(NotificationSent.class);
            assertThat(jdbc().sql("select outcome_reported from notification_delivery where notification_id = :id")
                            .param("id", orphan)
                            .query(Boolean.class)
                            .single())
                    .as("the report its case cannot take, still to be made")
                    .isFalse();
        } finally {
            jdbc().sql("delete from notification_delivery where notification_id = :id")
                    .param("id", orphan)
                    .update();
        }
    }

    @Test
    void whileTheMailServerIsDownEverythingWaitsAndGoesOutOnceWhenItReturns() {
        CaseId caseId = CaseId.newId();
        String email = "outage-" + caseId + "@example.org";
        Caller operations = service.as("operations-1", "OPERATIONS");
        mail.stop();
        try {
            service.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, null, "pt"));
            service.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "pt"));
            service.publish(Topics.APPLICATION_EVENTS, new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"));
            // The portal inbox does not wait for the mail server.
            await().atMost(ServiceHarness.PATIENCE)
                    .until(() -> inboxKinds(caseId).size() == 2);
            await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
                JsonNode pending = deliveries(operations, "PENDING", caseId);
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
        awaitDeliveriesSettled(caseId);
        assertThat(deliveries(caseId, "SENT")).isEqualTo(2);
        assertThat(mail.messagesTo(email)).as("each delivered once").hasSize(2);
        assertThat(deliveries(operations, "FAILED", caseId)).isEmpty();
    }

    @Test
    void aReplayOfThePortalInboxSendsNothing() {
        CaseId caseId = CaseId.newId();
        String email = "replay-" + caseId + "@example.org";
        service.publish(Topics.APPLICANT_CONTACTS, contact(caseId, email, null, "en"));
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, MemberId.newId(), "en"));
        service.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "All conditions met."));
        awaitMails(email, 2);
        awaitDeliveriesSettled(caseId);
        assertThat(deliveries(caseId)).isEqualTo(2);
        // The portal inbox is a projection and may trail the e-mails, which go out from the outbox.
        List<String> inboxBefore =
                await().atMost(ServiceHarness.PATIENCE).until(() -> inboxKinds(caseId), kinds -> kinds.size() == 2);

        assertThat(service.spring()
                        .getBean(EventProcessingConfiguration.class)
                        .eventProcessor("delivery-outbox", SubscribingEventProcessor.class))
                .as("the outbox is filled in the command's transaction and has no token to reset")
                .isPresent();
        rebuildPortalInbox();

        await().atMost(ServiceHarness.PATIENCE).until(() -> inboxKinds(caseId).equals(inboxBefore));
        // Had the replay queued the case's notifications again, they would be in the outbox with the rebuilt inbox.
        awaitDeliveriesSettled(caseId);
        assertThat(deliveries(caseId)).isEqualTo(2);
        assertThat(mail.messagesTo(email)).hasSize(2);
    }

    @Test
    void anUnknownCaseOrAnApplicantWithoutContactFailsVisiblyToOperationsAndTheConsumerGoesOn() {
        Caller operations = service.as("operations-1", "OPERATIONS");
        CaseId unknown = CaseId.newId();
        var decision = service.publish(
                Topics.APPLICATION_EVENTS, new DecisionIssued(unknown, Outcome.GRANTED, List.of(), "ok"));
        CaseId noEmail = CaseId.newId();
        service.publish(Topics.APPLICANT_CONTACTS, contact(noEmail, null, null, "pt"));
        var registered = service.publish(Topics.APPLICATION_EVENTS, registration(noEmail, MemberId.newId(), "pt"));
        // The decision of a case never registered here is held for the registration, then written when the hold
        // runs out (aima.notification.hold.max-wait, ended at once here), to nobody yet.
        await().atMost(ServiceHarness.PATIENCE).until(() -> heldNotifications(unknown) == 1);
        releaseHeldNotificationsNow();

        EventEnvelope<?> failed = awaitNotificationEvent(unknown, decision.eventId(), "EMAIL");
        var payload = (NotificationFailed) failed.payload();
        assertThat(payload.reasonCode()).isEqualTo("NO_CONTACT_DATA");
        assertThat(payload.kind()).isEqualTo("DECISION");
        EventEnvelope<?> noAddress = awaitNotificationEvent(noEmail, registered.eventId(), "EMAIL");
        assertThat(((NotificationFailed) noAddress.payload()).reason()).contains("gave no email");

        JsonNode visible = deliveries(operations, "FAILED", unknown);
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("failureCode").asString()).isEqualTo("NO_CONTACT_DATA");
        assertThat(visible.get(0).get("failureReason").asString()).contains("unknown");
        assertThat(visible.get(0).get("kind").asString()).isEqualTo("DECISION");
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .get("/operations/deliveries")
                        .status())
                .isEqualTo(403);
        assertThat(service.as("applicant-x", "APPLICANT")
                        .get("/operations/deliveries")
                        .status())
                .isEqualTo(403);

        // Operations put a failed delivery back in the queue (here it fails again: there is still no address).
        String noEmailDelivery = deliveries(operations, "FAILED", noEmail)
                .get(0)
                .get("notificationId")
                .asString();
        whileTheSenderIsStopped(() -> {
            assertThat(retry(noEmailDelivery, operations)).isEqualTo(202);
            assertThat(deliveries(operations, "PENDING", noEmail))
                    .singleElement()
                    .satisfies(pending ->
                            assertThat(pending.get("notificationId").asString()).isEqualTo(noEmailDelivery));
            assertThat(retry(noEmailDelivery, operations))
                    .as("no longer failed")
                    .isEqualTo(404);
        });
        assertThat(retry(UUID.randomUUID().toString(), operations)).isEqualTo(404);
        assertThat(retry(noEmailDelivery, service.as("caseworker-1", "CASEWORKER")))
                .isEqualTo(403);
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> deliveries(operations, "FAILED", noEmail).size() == 1);

        // The contact arrives late after all: operations need not do anything, the failed e-mail goes out.
        String late = "late-" + unknown + "@example.org";
        service.publish(Topics.APPLICANT_CONTACTS, contact(unknown, late, null, "pt"));
        awaitMails(late, 1);
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> deliveries(operations, "FAILED", unknown).isEmpty());
    }

    private List<MimeMessage> awaitMails(String email, int count) {
        return await().atMost(ServiceHarness.PATIENCE)
                .until(() -> mail.messagesTo(email), mails -> mails.size() >= count);
    }

    /**
     * Runs {@code action} with the delivery sender stopped, so that nothing in the outbox changes under it (a
     * requeued delivery stays pending); the sender starts again afterwards.
     */
    private static void whileTheSenderIsStopped(Runnable action) {
        DeliverySender sender = service.spring().getBean(DeliverySender.class);
        sender.stop();
        try {
            action.run();
        } finally {
            sender.start();
        }
    }

    private static EventEnvelope<?> awaitNotificationEvent(CaseId caseId, UUID trigger, String channel) {
        var record = service.kafka().awaitRecord(Topics.NOTIFICATION_EVENTS, r -> {
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

    /** The operations view of the case's deliveries with {@code status}. */
    private static JsonNode deliveries(Caller operations, String status, CaseId caseId) {
        return operations
                .get("/operations/deliveries?status={s}&caseId={c}", status, caseId)
                .body();
    }

    private static int retry(String notificationId, Caller caller) {
        return caller.post("/operations/deliveries/{id}/retry", null, notificationId)
                .status();
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
        return registration(caseId, "applicant-" + caseId, child, language);
    }
}
