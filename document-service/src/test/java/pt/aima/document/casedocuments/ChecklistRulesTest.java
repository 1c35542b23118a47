package pt.aima.document.casedocuments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.MemberId;

class ChecklistRulesTest {

    private static final LocalDate SUBMITTED_ON = LocalDate.of(2026, 3, 10);
    private final ChecklistRules rules = new ChecklistRules();

    @ParameterizedTest
    @CsvSource({
        "SPOUSE, MARRIAGE_CERTIFICATE",
        "DE_FACTO_PARTNER, PROOF_OF_UNION",
        "MINOR_CHILD, BIRTH_CERTIFICATE",
        "ADOPTED_MINOR_CHILD, ADOPTION_DECISION",
        "INCAPABLE_ADULT_CHILD, INCAPACITY_PROOF",
        "DEPENDENT_ADULT_CHILD, BIRTH_CERTIFICATE",
        "DEPENDENT_PARENT, PROOF_OF_DEPENDENCE",
        "MINOR_SIBLING_UNDER_GUARDIANSHIP, GUARDIANSHIP_DECISION"
    })
    void asksForTheProofOfTheFamilyTieTheRelationshipCallsFor(Relationship relationship, DocumentType proof) {
        List<RequiredItem> items = rules.requiredDocuments(SUBMITTED_ON, List.of(member(relationship, 30)));

        assertThat(items)
                .extracting(RequiredItem::documentType)
                .containsExactly(
                        DocumentType.SPONSOR_RESIDENCE_PERMIT,
                        DocumentType.PASSPORT,
                        proof,
                        DocumentType.TERM_OF_RESPONSIBILITY,
                        DocumentType.CRIMINAL_RECORD);
        assertThat(items).allSatisfy(item -> assertThat(item.reason()).isNotBlank());
    }

    @Test
    void explainsEachItemInWordsTheApplicantCanActOn() {
        List<RequiredItem> items = rules.requiredDocuments(SUBMITTED_ON, List.of(member(Relationship.SPOUSE, 30)));

        assertThat(items)
                .filteredOn(item -> item.documentType() == DocumentType.MARRIAGE_CERTIFICATE)
                .singleElement()
                .extracting(RequiredItem::reason)
                .isEqualTo("Proof of the family tie for a spouse: authenticated marriage certificate");
        assertThat(items)
                .filteredOn(item -> item.documentType() == DocumentType.CRIMINAL_RECORD)
                .singleElement()
                .extracting(RequiredItem::reason)
                .asString()
                .startsWith("Criminal record: required from age 16");
    }

    @Test
    void asksNoCriminalRecordOfAMemberWhoTurnsSixteenTheDayAfterSubmission() {
        HouseholdMember fifteen = new HouseholdMember(
                MemberId.newId(),
                Relationship.MINOR_CHILD,
                SUBMITTED_ON.minusYears(16).plusDays(1),
                true);

        assertThat(rules.requiredDocuments(SUBMITTED_ON, List.of(fifteen)))
                .extracting(RequiredItem::documentType)
                .doesNotContain(DocumentType.CRIMINAL_RECORD);
    }

    @Test
    void asksForACriminalRecordOfAMemberWhoTurnsSixteenOnTheSubmissionDate() {
        HouseholdMember sixteen =
                new HouseholdMember(MemberId.newId(), Relationship.MINOR_CHILD, SUBMITTED_ON.minusYears(16), true);

        assertThat(rules.requiredDocuments(SUBMITTED_ON, List.of(sixteen)))
                .extracting(RequiredItem::documentType)
                .contains(DocumentType.CRIMINAL_RECORD);
    }

    @Test
    void derivesTheItemsOfEveryMember() {
        HouseholdMember spouse = member(Relationship.SPOUSE, 35);
        HouseholdMember child = member(Relationship.MINOR_CHILD, 8);

        List<RequiredItem> items = rules.requiredDocuments(SUBMITTED_ON, List.of(spouse, child));

        assertThat(items)
                .filteredOn(i -> i.memberId().equals(spouse.memberId()))
                .hasSize(5);
        assertThat(items).filteredOn(i -> i.memberId().equals(child.memberId())).hasSize(4);
    }

    private static HouseholdMember member(Relationship relationship, int age) {
        return new HouseholdMember(
                MemberId.newId(), relationship, SUBMITTED_ON.minusYears(age).minusDays(3), false);
    }
}
