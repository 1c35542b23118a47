package pt.aima.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.notification.process.hold.HoldSweep;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * notification-service against a real PostgreSQL and a real Kafka broker: the steps of a case arrive over Kafka, the
 * applicant reads the notifications in the portal inbox, and every notification is announced on the service's topic.
 */
class NotificationServiceIT extends NotificationServiceTestBase {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();

    @Test
    void tellsTheApplicantEveryStepInPortugueseAndAnnouncesEachNotification() {
        CaseId caseId = CaseId.newId();
        var registered = service.envelope(registration(caseId, "applicant-pt", "pt"));
        var slot = service.envelope(
                new BiometricSlotAssigned(caseId, "LISBOA-1", LocalDateTime.of(2026, 12, 3, 9, 30), 30));
        var checklist = service.envelope(checklist(caseId));
        var refused = service.envelope(
                new DecisionIssued(caseId, Outcome.REFUSED, List.of("ENTRY_BAN"), "Interdição de entrada em vigor."));
        Caller applicant = service.as("applicant-pt", "APPLICANT");
        service.kafka().send(Topics.APPLICATION_EVENTS, registered);
        service.kafka().send(Topics.SCHEDULING_EVENTS, slot);
        service.kafka().send(Topics.DOCUMENT_EVENTS, checklist);
        // The three topics are consumed side by side, in any order: the appointment waits for the registration and
        // the checklist (its originals to bring) whichever comes first.
        awaitInbox(caseId, applicant, 3);
        service.kafka().send(Topics.APPLICATION_EVENTS, refused);

        JsonNode inbox = awaitInbox(caseId, applicant, 4);
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
        assertThat(inbox.get(3)).as("the decision came last").isEqualTo(decision);

        for (var trigger : List.of(registered, slot, refused)) {
            EventEnvelope<?> published = awaitPublished(caseId, trigger.eventId());
            assertThat(published.actor()).isEqualTo(Actor.system("notification-service"));
            assertThat(published.correlationId()).isEqualTo(service.correlationId());
            // A held notification is written when what it waited for arrives: caused by that event, answering its own.
            assertThat(published.causationId())
                    .isIn(
                            trigger.eventId().toString(),
                            registered.eventId().toString(),
                            checklist.eventId().toString());
            assertThat(((NotificationSent) published.payload()).triggeringEventId())
                    .isEqualTo(trigger.eventId());
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
        Caller applicant = service.as("applicant-en", "APPLICANT");
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-en", "en"));
        awaitInbox(caseId, applicant, 1);
        service.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "All conditions are met."));

        JsonNode inbox = awaitInbox(caseId, applicant, 2);
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
    void tellsTheApplicantInTheirLanguageThatTheDecisionDeadlineWasExtended() {
        String reason = "The marriage was celebrated abroad and must be confirmed by the consulate.";
        for (String language : List.of("pt", "en")) {
            CaseId caseId = CaseId.newId();
            Caller applicant = service.as("applicant-deadline-" + language, "APPLICANT");
            service.publish(
                    Topics.APPLICATION_EVENTS, registration(caseId, "applicant-deadline-" + language, language));
            awaitInbox(caseId, applicant, 1);
            var extended = service.envelope(new DecisionDeadlineExtended(caseId, reason, LocalDate.of(2028, 5, 23)));
            service.kafka().send(Topics.APPLICATION_EVENTS, extended);

            JsonNode notice = notificationAnswering(awaitInbox(caseId, applicant, 2), extended);
            assertThat(notice.get("kind").asString()).isEqualTo("DEADLINE_EXTENDED");
            assertThat(notice.get("language").asString()).isEqualTo(language);
            if (language.equals("pt")) {
                assertThat(notice.get("subject").asString())
                        .isEqualTo("Prazo de decisão prorrogado até 23 de maio de 2028 (processo " + caseId + ")");
                assertThat(notice.get("body").asString())
                        .contains("complexidade da análise do pedido", "Motivo indicado pelo técnico", reason);
            } else {
                assertThat(notice.get("subject").asString())
                        .isEqualTo("Decision deadline extended to 23 May 2028 (case " + caseId + ")");
                assertThat(notice.get("body").asString()).contains("complexity of examining the application", reason);
            }
            var sent = (NotificationSent)
                    awaitPublished(caseId, extended.eventId()).payload();
            assertThat(sent.kind()).isEqualTo("DEADLINE_EXTENDED");
        }
    }

    @Test
    void theOutcomeChecksumHoldsEveryMessageForAuditorsOnly() {
        Caller auditor = service.as("auditor-outcome", "AUDITOR");
        assertThat(caseworker().get("/audit/outcome-checksum").status()).isEqualTo(403);
        CaseId caseId = CaseId.newId();
        Caller applicant = service.as("applicant-outcome", "APPLICANT");
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-outcome", "pt"));
        awaitInbox(caseId, applicant, 1);
        JsonNode received = auditor.get("/audit/outcome-checksum").body();
        assertThat(received.get("service").asString()).isEqualTo("notification-service");
        List<String> parts = new java.util.ArrayList<>();
        received.get("parts").forEach(part -> parts.add(part.get("name").asString()));
        assertThat(parts).containsExactly("deliveries", "portal-inbox");

        service.publish(
                Topics.APPLICATION_EVENTS,
                new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "All conditions are met."));
        awaitInbox(caseId, applicant, 2);

        JsonNode decided = auditor.get("/audit/outcome-checksum").body();
        assertThat(decided.get("parts").get(1).get("rows").asLong())
                .isGreaterThanOrEqualTo(received.get("parts").get(1).get("rows").asLong() + 1);
        assertThat(decided.get("parts").get(1).get("sha256").asString())
                .isNotEqualTo(received.get("parts").get(1).get("sha256").asString());
    }

    @Test
    void aRedeliveredDecisionStoresOneNotification() {
        CaseId caseId = CaseId.newId();
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-redelivery", "pt"));
        var decision = service.envelope(new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "ok"));
        service.kafka().send(Topics.APPLICATION_EVENTS, decision);
        service.awaitConsumed(service.kafka().send(Topics.APPLICATION_EVENTS, decision));
        assertThat(storedNotifications(caseId))
                .as("a receipt and a decision, each written once for the portal inbox and e-mail")
                .isEqualTo(2);

        // Even with the consumer's inbox row gone (a restored backup, a reset), the case remembers what it stored,
        // also when it is loaded from a snapshot.
        List<String> triggers = new ArrayList<>(List.of(decision.eventId().toString()));
        for (int round = 1; round <= 2; round++) {
            service.inbox().forget(decision);
            RecordMetadata copy = service.kafka().send(Topics.APPLICATION_EVENTS, decision);
            service.awaitConsumed(copy);
            assertThat(storedNotifications(caseId))
                    .as("the copy stored nothing")
                    .isEqualTo(1 + round);
            // A new decision of the same case, so the next round loads the case from a newer snapshot.
            var later = service.publish(
                    Topics.APPLICATION_EVENTS,
                    new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "round " + round));
            triggers.add(later.eventId().toString());
            awaitInbox(caseId, caseworker(), 2 + round);
            await().atMost(ServiceHarness.PATIENCE)
                    .until(() -> service.eventStore().snapshots(caseId) > 0);
        }

        JsonNode inbox = awaitInbox(caseId, caseworker(), 4);
        assertThat(triggers(inbox).subList(1, 4)).containsExactlyElementsOf(triggers);
        assertThat(service.eventStore().types(caseId).stream()
                        // The e-mails of these cases fail for the lack of contact data, at a time of their own.
                        .filter(type -> !type.equals("NotificationDeliveryFailed"))
                        .toList())
                .as("one receipt and three decisions, each written once for the portal inbox and e-mail")
                .containsExactly(
                        "RecipientIdentified",
                        "HouseholdNoted",
                        "RegistrationNoted",
                        "NotificationWritten",
                        "NotificationWritten",
                        "NotificationWritten",
                        "NotificationWritten");
    }

    @Test
    void holdsAnAppointmentThatArrivesBeforeTheRegistrationAndWritesItInTheApplicantsLanguage() {
        CaseId caseId = CaseId.newId();
        var slot = service.envelope(
                new BiometricSlotAssigned(caseId, "PORTO-2", LocalDateTime.of(2026, 12, 4, 14, 0), 15));
        service.awaitConsumed(service.kafka().send(Topics.SCHEDULING_EVENTS, slot));
        assertThat(service.eventStore().types(caseId)).containsExactly("NotificationHeld");
        assertThat(heldNotifications(caseId)).isEqualTo(1);
        assertThat(inboxKinds(caseId)).as("nothing written yet").isEmpty();

        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-early", "en"));
        service.publish(Topics.DOCUMENT_EVENTS, checklist(caseId));
        JsonNode inbox = awaitInbox(caseId, service.as("applicant-early", "APPLICANT"), 3);
        assertThat(kinds(inbox)).containsExactlyInAnyOrder("RECEIPT", "CHECKLIST", "APPOINTMENT");
        inbox.forEach(notification ->
                assertThat(notification.get("language").asString()).isEqualTo("en"));
        assertThat(notificationAnswering(inbox, slot).get("body").asString()).contains("Passport");
        assertThat(heldNotifications(caseId)).isZero();
    }

    @Test
    void aHoldThatRunsOutWritesTheNotificationWithWhatIsKnown() {
        CaseId caseId = CaseId.newId();
        var slot =
                service.envelope(new BiometricSlotAssigned(caseId, "FARO-3", LocalDateTime.of(2026, 12, 7, 10, 0), 15));
        service.awaitConsumed(service.kafka().send(Topics.SCHEDULING_EVENTS, slot));
        assertThat(heldNotifications(caseId)).isEqualTo(1);
        HoldSweep configured = service.spring().getBean(HoldSweep.class);
        configured.releaseExpired();
        assertThat(heldNotifications(caseId)).as("not held for 15 minutes yet").isEqualTo(1);

        assertThat(releaseHeldNotificationsNow()).isPositive();

        JsonNode early = awaitInbox(caseId, service.as("operations-1", "OPERATIONS"), 1);
        assertThat(early.get(0).get("kind").asString()).isEqualTo("APPOINTMENT");
        assertThat(early.get(0).get("language").asString())
                .as("Portuguese while no preference is known")
                .isEqualTo("pt");
        assertThat(service.as("applicant-late", "APPLICANT")
                        .get("/cases/{id}/notifications", caseId)
                        .status())
                .as("nobody can show it is their case yet")
                .isEqualTo(403);
        assertThat(heldNotifications(caseId)).isZero();
    }

    @Test
    void deadLettersMalformedRecordsAndKeepsConsuming() {
        CaseId caseId = CaseId.newId();
        service.kafka()
                .sendRaw(new ProducerRecord<>(
                        Topics.APPLICATION_EVENTS,
                        caseId.toString(),
                        "{not an envelope".getBytes(StandardCharsets.UTF_8)));
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
        service.kafka().sendRaw(broken);
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-poison", "pt"));

        awaitInbox(caseId, service.as("applicant-poison", "APPLICANT"), 1);
        String deadLetters = Topics.deadLetterTopic(Topics.APPLICATION_EVENTS, "notification-service");
        List<String> reasons = new ArrayList<>();
        for (String start :
                List.of("MalformedEventException: not JSON", "MalformedEventException: DecisionIssued v1")) {
            ConsumerRecord<String, byte[]> dead = service.kafka()
                    .awaitRecord(
                            deadLetters,
                            r -> caseId.toString().equals(r.key()) && reason(r).startsWith(start));
            reasons.add(reason(dead));
        }
        assertThat(reasons).hasSize(2);
    }

    @Test
    void refusesBadRequestsAndStoresNothing() {
        CaseId caseId = CaseId.newId();
        var registered = service.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-owner", "pt"));
        awaitInbox(caseId, service.as("applicant-owner", "APPLICANT"), 1);
        service.inbox().awaitProcessed(registered);
        // The receipt's e-mail fails for the lack of contact data, at a time of its own: count once it has.
        awaitDeliveriesSettled(caseId);
        long eventsBefore = service.eventStore().count(caseId);

        Response malformed =
                service.as("applicant-owner", "APPLICANT").get("/cases/{id}/notifications", "not-a-case-id");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(malformed.problem().detail()).contains("caseId");

        Response unknown = caseworker().get("/cases/{id}/notifications", UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(service.as("applicant-other", "APPLICANT")
                        .get("/cases/{id}/notifications", caseId)
                        .status())
                .isEqualTo(403);
        assertThat(service.anonymous().get("/cases/{id}/notifications", caseId).status())
                .isEqualTo(401);
        assertThat(service.as("auditor-1", "AUDITOR")
                        .get("/cases/{id}/notifications", caseId)
                        .status())
                .isEqualTo(200);

        Response write = service.as("auditor-1", "AUDITOR").post("/cases/{id}/notifications", "{}", caseId);
        assertThat(write.status())
                .as("there is no way to write an inbox (every endpoint's roles are checked by the access guard)")
                .isEqualTo(405);

        assertThat(service.eventStore().count(caseId)).isEqualTo(eventsBefore);
    }

    @Test
    void rebuildingTheInboxFromTheEventStoreGivesTheSameInbox() {
        CaseId caseId = CaseId.newId();
        // The appointment arrives first and is held: the rebuild must reproduce it written after the receipt.
        service.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(caseId, "FARO-1", LocalDateTime.of(2026, 12, 9, 11, 0), 20));
        service.publish(Topics.APPLICATION_EVENTS, registration(caseId, "applicant-rebuild", "en"));
        Caller applicant = service.as("applicant-rebuild", "APPLICANT");
        awaitInbox(caseId, applicant, 1);
        service.publish(Topics.DOCUMENT_EVENTS, checklist(caseId));
        awaitInbox(caseId, applicant, 3);
        service.publish(Topics.APPLICATION_EVENTS, new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "All met."));
        JsonNode live = awaitInbox(caseId, applicant, 4);
        assertThat(kinds(live)).containsExactly("RECEIPT", "CHECKLIST", "APPOINTMENT", "DECISION");

        rebuildPortalInbox();

        await().atMost(ServiceHarness.PATIENCE)
                .untilAsserted(() -> assertThat(inbox(caseId, applicant)).isEqualTo(live));
        assertThat(inbox(caseId, caseworker())).isEqualTo(live);
        assertThat(service.as("applicant-other", "APPLICANT")
                        .get("/cases/{id}/notifications", caseId)
                        .status())
                .as("the rebuilt inbox still knows whose it is")
                .isEqualTo(403);
    }

    /** The case's NotificationWritten events (one per trigger, for all its channels), as the event store holds them. */
    private static long storedNotifications(CaseId caseId) {
        return service.eventStore().types(caseId).stream()
                .filter("NotificationWritten"::equals)
                .count();
    }

    /** A checklist of one document, a passport, for a member the registration does not name. */
    private static DocumentChecklistOpened checklist(CaseId caseId) {
        return new DocumentChecklistOpened(
                caseId,
                List.of(new RequiredDocument(
                        MemberId.newId(),
                        "PASSPORT",
                        "A valid passport or travel document of the member",
                        "VALID_TRAVEL_DOCUMENT",
                        Map.of())));
    }

    private static ApplicationRegistered registration(CaseId caseId, String applicantId, String language) {
        return registration(caseId, applicantId, MemberId.newId(), language);
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

    private static EventEnvelope<?> awaitPublished(CaseId caseId, UUID triggeringEventId) {
        ConsumerRecord<String, byte[]> record = service.kafka().awaitRecord(Topics.NOTIFICATION_EVENTS, r -> {
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
}
