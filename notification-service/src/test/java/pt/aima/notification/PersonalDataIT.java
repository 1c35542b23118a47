package pt.aima.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.privacy.PersonalDataKeys;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * notification-service keeps its own copy of the applicant's contact, and destroys it when application-service erases
 * the applicant's personal data; a contact consumed after the erasure (another topic, another order) is not kept. It
 * tells the applicant of a registration published without the household's personal facts ({@code
 * ApplicationRegistered} v2).
 */
class PersonalDataIT extends NotificationServiceTestBase {

    @Test
    void theContactCopyIsDestroyedWhenTheApplicantIsErasedAndNotKeptAgain() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        String applicantId = "applicant-" + caseId;
        String email = "erase-" + caseId + "@example.org";
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICANT_CONTACTS,
                        new ApplicantContactRegistered(caseId, applicantId, email, "+351911111111", "pt")));
        assertThat(contact(caseId)).containsEntry("email", email).containsEntry("erased", false);

        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS, new ApplicantDataErased(caseId, applicantId, "retention ended")));
        assertThat(contact(caseId))
                .containsEntry("email", null)
                .containsEntry("phone", null)
                .containsEntry("erased", true);

        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICANT_CONTACTS,
                        new ApplicantContactRegistered(caseId, applicantId, email, "+351911111111", "pt")));
        assertThat(contact(caseId)).as("a late copy is not kept").containsEntry("email", null);
    }

    @Test
    void theWordsAreStoredEncryptedAndAfterTheErasureEveryCopyAndEveryRebuildReadsThemAsErased() {
        CaseId caseId = CaseId.newId();
        String applicantId = "applicant-erased-" + caseId;
        Caller applicant = service.as(applicantId, "APPLICANT");
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICANT_CONTACTS,
                        new ApplicantContactRegistered(
                                caseId, applicantId, "erased-" + caseId + "@example.org", null, "en")));
        service.publish(Topics.APPLICATION_EVENTS, registrationV2(caseId, applicantId));
        assertThat(awaitInbox(caseId, applicant, 1).get(0).get("body").asString())
                .contains("submitted on 20 November 2026");
        assertThat(storedPayloads(caseId))
                .as("the words are in the event store only encrypted")
                .isNotEmpty()
                .noneMatch(payload -> payload.contains("submitted on"));
        assertThat(deliveryBodies(caseId)).anyMatch(body -> body.contains("submitted on"));

        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS, new ApplicantDataErased(caseId, applicantId, "retention ended")));

        assertThat(service.eventStore().types(caseId)).contains("NotificationDataErased");
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> assertThat(inbox(caseId, applicant))
                .singleElement()
                .satisfies(receipt -> {
                    assertThat(receipt.get("kind").asString()).isEqualTo("RECEIPT");
                    assertThat(receipt.get("subject").asString()).isEqualTo(Personal.ERASED);
                    assertThat(receipt.get("body").asString()).isEqualTo(Personal.ERASED);
                }));
        assertThat(deliveryBodies(caseId)).isNotEmpty().containsOnly(Personal.ERASED);
        assertThat(service.spring().getBean(PersonalDataKeys.class).stateOf(applicantId))
                .isEqualTo(PersonalDataKeys.State.ERASED);

        rebuildPortalInbox();
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> assertThat(inbox(caseId, applicant))
                .as("rebuilt from the event store")
                .singleElement()
                .satisfies(receipt -> assertThat(receipt.get("body").asString()).isEqualTo(Personal.ERASED)));

        long events = service.eventStore().count(caseId);
        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS, new DecisionIssued(caseId, Outcome.GRANTED, List.of(), "All met.")));
        assertThat(service.eventStore().count(caseId))
                .as("nothing more is written to an erased applicant")
                .isEqualTo(events);
    }

    @Test
    void aNotificationWrittenBeforeTheApplicantWasKnownIsErasedWithTheApplicant() {
        CaseId caseId = CaseId.newId();
        String applicantId = "applicant-late-" + caseId;
        service.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(caseId, "FARO-1", LocalDateTime.of(2026, 12, 9, 11, 0), 20));
        await().atMost(ServiceHarness.PATIENCE).until(() -> heldNotifications(caseId) == 1);
        releaseHeldNotificationsNow(); // its hold ran out before the registration came: written to the case
        await().atMost(ServiceHarness.PATIENCE).until(() -> inboxKinds(caseId).equals(List.of("APPOINTMENT")));
        assertThat(inbox(caseId, caseworker()).get(0).get("body").asString()).contains("FARO");
        assertThat(storedPayloads(caseId))
                .as("encrypted under the case's key")
                .anyMatch(payload -> payload.contains("\"subject\":\"caseId:" + caseId + "\""))
                .noneMatch(payload -> payload.contains("FARO"));

        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS, new ApplicantDataErased(caseId, applicantId, "retention ended")));

        assertThat(service.spring().getBean(PersonalDataKeys.class).stateOf("caseId:" + caseId))
                .isEqualTo(PersonalDataKeys.State.ERASED);
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> assertThat(inbox(caseId, caseworker()))
                .singleElement()
                .satisfies(appointment ->
                        assertThat(appointment.get("body").asString()).isEqualTo(Personal.ERASED)));
        assertThat(heldNotifications(caseId)).isZero();
    }

    @Test
    void whatStaffTypedInAHeldTriggerIsStoredUnderTheCasesKeyAndErasedWithTheApplicant() {
        CaseId caseId = CaseId.newId();
        String applicantId = "applicant-held-" + caseId;
        String reasoning = "Maria " + caseId + " proved the family tie.";
        service.publish(Topics.APPLICATION_EVENTS, new DecisionIssued(caseId, Outcome.GRANTED, List.of(), reasoning));
        await().atMost(ServiceHarness.PATIENCE).until(() -> heldNotifications(caseId) == 1);

        assertThat(payloads(caseId, "notification.NotificationHeld"))
                .as("the trigger is kept, what staff typed in it encrypted under the case's key")
                .singleElement()
                .satisfies(payload -> assertThat(payload)
                        .contains("\"subject\":\"caseId:" + caseId + "\"", "GRANTED")
                        .doesNotContain(reasoning));
        assertThat(heldTrigger(caseId).get("reasoning").asString()).isEqualTo(reasoning);

        service.publish(Topics.APPLICATION_EVENTS, registrationV2(caseId, applicantId));
        Caller applicant = service.as(applicantId, "APPLICANT");
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> inbox(caseId, applicant).toString().contains(reasoning));

        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS, new ApplicantDataErased(caseId, applicantId, "retention ended")));

        assertThat(service.spring().getBean(PersonalDataKeys.class).stateOf("caseId:" + caseId))
                .isEqualTo(PersonalDataKeys.State.ERASED);
        JsonNode erased = heldTrigger(caseId);
        assertThat(erased.get("reasoning").asString()).isEqualTo(Personal.ERASED);
        assertThat(erased.get("outcome").asString())
                .as("the trigger's facts stay")
                .isEqualTo("GRANTED");
        assertThat(payloads(caseId, "notification.NotificationHeld"))
                .singleElement()
                .satisfies(payload -> assertThat(payload).doesNotContain(reasoning));
        await().atMost(ServiceHarness.PATIENCE)
                .untilAsserted(() -> assertThat(inbox(caseId, applicant).toString())
                        .as("the decision's words, the reasoning among them, in the portal inbox")
                        .doesNotContain(reasoning));
    }

    @Test
    void theChecklistsWordingWhichNamesTheCountriesIsStoredUnderTheCasesKeyAndErasedWithTheApplicant() {
        CaseId caseId = CaseId.newId();
        String applicantId = "applicant-checklist-" + caseId;
        String wording = "Criminal record certificate of each country the member lived in: Angola";
        service.publish(
                Topics.DOCUMENT_EVENTS,
                new DocumentChecklistOpened(
                        caseId,
                        List.of(new RequiredDocument(
                                MemberId.newId(),
                                "CRIMINAL_RECORD",
                                wording,
                                "CRIMINAL_RECORD_ABROAD",
                                Map.of("countries", "AGO", "fromAge", "16", "foreignStay", "P1Y")))));
        await().atMost(ServiceHarness.PATIENCE).until(() -> heldNotifications(caseId) == 1);

        List<String> stored = new java.util.ArrayList<>(payloads(caseId, "notification.ChecklistNoted"));
        stored.addAll(payloads(caseId, "notification.NotificationHeld"));
        assertThat(stored)
                .as("the checklist noted on the case and the held trigger, under the case's key")
                .hasSize(2)
                .allSatisfy(payload -> assertThat(payload)
                        .contains("\"subject\":\"caseId:" + caseId + "\"", "\"documentType\":\"CRIMINAL_RECORD\"")
                        .doesNotContain("Angola", "AGO"));
        assertThat(noted(caseId).get("items").get(0).get("reason").asString()).isEqualTo(wording);

        service.inbox()
                .awaitProcessed(service.publish(
                        Topics.APPLICATION_EVENTS, new ApplicantDataErased(caseId, applicantId, "retention ended")));

        assertThat(noted(caseId).get("items").get(0).get("reason").asString()).isEqualTo(Personal.ERASED);
        assertThat(noted(caseId).get("items").get(0).get("documentType").asString())
                .as("what document it was stays")
                .isEqualTo("CRIMINAL_RECORD");
    }

    /** The case's ChecklistNoted, as the audit history shows it. */
    private static JsonNode noted(CaseId caseId) {
        JsonNode history = service.as("auditor-checklist", "AUDITOR")
                .get("/audit/cases/{id}/events", caseId)
                .body();
        for (JsonNode entry : history) {
            if ("ChecklistNoted".equals(entry.get("type").asString())) {
                return entry.get("payload");
            }
        }
        throw new AssertionError("no ChecklistNoted in " + history);
    }

    /** The trigger of the case's held notification, as the audit history shows it. */
    private static JsonNode heldTrigger(CaseId caseId) {
        JsonNode history = service.as("auditor-held", "AUDITOR")
                .get("/audit/cases/{id}/events", caseId)
                .body();
        for (JsonNode entry : history) {
            if ("NotificationHeld".equals(entry.get("type").asString())) {
                return entry.get("payload").get("trigger");
            }
        }
        throw new AssertionError("no NotificationHeld in " + history);
    }

    /** The case's payloads of one stored type exactly as the event store holds them. */
    private static List<String> payloads(CaseId caseId, String storedType) {
        return jdbc().sql(
                        """
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = :id and payload_type = :type
                """)
                .param("id", caseId.toString())
                .param("type", storedType)
                .query(String.class)
                .list();
    }

    /** A registration without the household's personal facts, submitted on 20 November 2026, in English. */
    private static ApplicationRegisteredV2 registrationV2(CaseId caseId, String applicantId) {
        return new ApplicationRegisteredV2(
                caseId,
                applicantId,
                LocalDate.of(2026, 11, 20),
                List.of(new ApplicationRegisteredV2.Member(MemberId.newId(), Relationship.MINOR_CHILD, true, null)),
                "en",
                null,
                null,
                null);
    }

    /** The case's NotificationWritten payloads exactly as the event store holds them. */
    private static List<String> storedPayloads(CaseId caseId) {
        return jdbc().sql(
                        """
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = :id and payload_type = 'notification.NotificationWritten'
                """)
                .param("id", caseId.toString())
                .query(String.class)
                .list();
    }

    private static List<String> deliveryBodies(CaseId caseId) {
        return jdbc().sql("select body from notification_delivery where case_id = :id")
                .param("id", caseId.value())
                .query(String.class)
                .list();
    }

    @Test
    void theContactsDeadLetterTopicIsRestrictedLikeTheContactsTopic() throws Exception {
        String deadLetters = Topics.deadLetterTopic(Topics.APPLICANT_CONTACTS, "notification-service");
        assertThat(Topics.isRestricted(deadLetters)).isTrue();
        try (AdminClient admin =
                AdminClient.create(service.spring().getBean(KafkaAdmin.class).getConfigurationProperties())) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, deadLetters);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .as("its records go as soon as the contacts topic's")
                    .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
        }
    }

    @Test
    void everyTopicTheServiceCreatesKeepsItsRecordsForABoundedTimeNotTheBrokersDefault() throws Exception {
        List<String> created = List.of(
                "aima.notification.events.v1",
                Topics.deadLetterTopic(Topics.DOCUMENT_EVENTS, "notification-service"),
                Topics.deadLetterTopic(Topics.APPLICATION_EVENTS, "notification-service"));
        try (AdminClient admin =
                AdminClient.create(service.spring().getBean(KafkaAdmin.class).getConfigurationProperties())) {
            for (String name : created) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
                Config config =
                        admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .as("%s: aima.service.topic-retention, far below any legal retention", name)
                        .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
            }
        }
    }

    @Test
    void version2OfTheRegistrationWithoutTheHouseholdsPersonalFactsBringsTheReceipt() {
        CaseId caseId = CaseId.newId();
        Caller applicant = service.as("applicant-v2-" + caseId, "APPLICANT");
        service.publish(
                Topics.APPLICATION_EVENTS,
                new ApplicationRegisteredV2(
                        caseId,
                        "applicant-v2-" + caseId,
                        LocalDate.of(2026, 11, 20),
                        List.of(new ApplicationRegisteredV2.Member(
                                MemberId.newId(), Relationship.MINOR_CHILD, true, null)),
                        "en",
                        null,
                        null,
                        null));
        JsonNode receipt = awaitInbox(caseId, applicant, 1).get(0);
        assertThat(receipt.get("kind").asString()).isEqualTo("RECEIPT");
        assertThat(receipt.get("body").asString()).contains("submitted on 20 November 2026");
    }

    private static Map<String, Object> contact(CaseId caseId) {
        return service.spring()
                .getBean(JdbcClient.class)
                .sql("select email, phone, erased_at is not null as erased from applicant_contact where case_id = ?")
                .param(caseId.value())
                .query()
                .singleRow();
    }
}
