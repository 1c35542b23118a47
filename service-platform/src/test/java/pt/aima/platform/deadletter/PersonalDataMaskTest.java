package pt.aima.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PersonalDataMaskTest {

    @Test
    void masksPersonalFieldsAnywhereInTheTreeAndKeepsTheCaseReadable() {
        JsonNode masked = PersonalDataMask.masked(
                """
                {"caseId": "c-1", "submittedOn": "2026-01-02",
                 "members": [{"memberId": "m-1", "fullName": "Maria Silva", "dateOfBirth": "1990-01-01",
                              "nationality": "BR", "residenceHistory": [{"country": "BR"}], "relationship": "SPOUSE"}],
                 "contact": {"email": "maria@example.pt", "phone": "+351900000000"},
                 "applicant_email": "x@example.pt", "addressTitle": "Rua A", "passportNumber": "P123",
                 "middleName": null}
                """);

        assertThat(masked.get("caseId").asString()).isEqualTo("c-1");
        assertThat(masked.get("submittedOn").asString()).isEqualTo("2026-01-02");
        JsonNode member = masked.get("members").get(0);
        assertThat(member.get("memberId").asString()).isEqualTo("m-1");
        assertThat(member.get("relationship").asString()).isEqualTo("SPOUSE");
        for (String field : new String[] {"fullName", "dateOfBirth", "nationality", "residenceHistory"}) {
            assertThat(member.get(field).asString()).as(field).isEqualTo(PersonalDataMask.MASK);
        }
        assertThat(masked.get("contact").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(masked.get("applicant_email").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(masked.get("addressTitle").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(masked.get("passportNumber").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(masked.get("middleName").isNull()).as("nothing to hide").isTrue();
        assertThat(masked.toString()).doesNotContain("Maria", "maria@", "1990", "+351", "P123", "Rua A");
    }

    @Test
    void masksOnlyTheContactsTextsForReadersWhoNeedTheRestButNotTheContact() {
        JsonNode tree = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(
                        """
                {"sponsor": {"fullName": "Maria Silva"},
                 "contact": {"email": "maria@example.pt", "phone": "+351900000000", "preferredLanguage": "pt"},
                 "channels": [{"emailGiven": true, "phoneNumber": "+351911111111"}]}
                """);

        JsonNode masked = PersonalDataMask.contactsMasked(tree);

        assertThat(masked.get("contact").get("email").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(masked.get("contact").get("phone").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(masked.get("contact").get("preferredLanguage").asString()).isEqualTo("pt");
        assertThat(masked.get("sponsor").get("fullName").asString()).isEqualTo("Maria Silva");
        assertThat(masked.get("channels").get(0).get("emailGiven").asBoolean()).isTrue();
        assertThat(masked.get("channels").get(0).get("phoneNumber").asString()).isEqualTo(PersonalDataMask.MASK);
    }

    @Test
    void aPayloadThatIsNotJsonIsNotShown() {
        JsonNode masked = PersonalDataMask.masked("{\"fullName\": \"Rui Sousa\", oops");
        assertThat(masked.asString()).startsWith("(not JSON").doesNotContain("Rui");
    }
}
