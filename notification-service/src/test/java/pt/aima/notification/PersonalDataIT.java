package pt.aima.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
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
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.testing.harness.Caller;
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
