package pt.aima.document.casedocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.ids.MemberId;

class ChecklistRulesTest {

    private static final LocalDate SUBMITTED_ON = LocalDate.of(2026, 3, 10);
    private final ChecklistRules rules = TestPolicies.rules();

    /**
     * Every row of DOMAIN.md's family-tie table: the proofs a relationship calls for, between the common items. An
     * adult abroad (not in Portugal, other parent's residence declared for minors) with no residence history.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "SPOUSE, MARRIAGE_CERTIFICATE",
        "DE_FACTO_PARTNER, PROOF_OF_UNION DE_FACTO_UNION_DECLARATION",
        "MINOR_CHILD, BIRTH_CERTIFICATE",
        "ADOPTED_MINOR_CHILD, ADOPTION_DECISION",
        "INCAPABLE_ADULT_CHILD, INCAPACITY_PROOF",
        "DEPENDENT_ADULT_CHILD, BIRTH_CERTIFICATE PROOF_OF_DEPENDENCE PROOF_OF_ENROLMENT",
        "DEPENDENT_PARENT, PROOF_OF_DEPENDENCE",
        "MINOR_SIBLING_UNDER_GUARDIANSHIP, GUARDIANSHIP_DECISION GUARDIANSHIP_RECOGNITION"
    })
    void asksForTheProofOfTheFamilyTieTheRelationshipCallsFor(Relationship relationship, String proofs) {
        boolean minor = relationship.name().contains("MINOR");
        HouseholdMember member = new HouseholdMember(
                MemberId.newId(),
                relationship,
                SUBMITTED_ON.minusYears(minor ? 17 : 30),
                false,
                "BRA",
                null,
                null,
                minor ? Boolean.TRUE : null);

        List<RequiredItem> items = rules.requiredDocuments(SUBMITTED_ON, List.of(member), AddressTitle.TENANT);

        List<DocumentType> expected = new java.util.ArrayList<>();
        expected.add(DocumentType.SPONSOR_RESIDENCE_PERMIT);
        expected.add(DocumentType.PASSPORT);
        Arrays.stream(proofs.split(" ")).map(DocumentType::valueOf).forEach(expected::add);
        expected.addAll(List.of(
                DocumentType.ADDRESS_DECLARATION,
                DocumentType.LANDLORD_DECLARATION,
                DocumentType.MEANS_OF_SUBSISTENCE,
                DocumentType.TERM_OF_RESPONSIBILITY,
                DocumentType.CRIMINAL_RECORD));
        assertThat(items).extracting(RequiredItem::documentType).containsExactlyElementsOf(expected);
        assertThat(items).allSatisfy(item -> assertThat(item.reason()).isNotBlank());
    }

    @ParameterizedTest(name = "other parent resides in Portugal: {0}")
    @CsvSource(
            value = {"true, false", "false, true", "null, true"},
            nullValues = "null")
    void asksAMinorChildForTheOtherParentsAuthorisationUnlessThatParentLivesHere(Boolean resides, boolean asked) {
        HouseholdMember child = new HouseholdMember(
                MemberId.newId(),
                Relationship.MINOR_CHILD,
                SUBMITTED_ON.minusYears(9),
                true,
                null,
                null,
                null,
                resides);

        assertThat(types(rules.requiredDocuments(SUBMITTED_ON, List.of(child), null))
                        .contains(DocumentType.OTHER_PARENT_AUTHORISATION))
                .isEqualTo(asked);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "OWNER, LAND_REGISTRY_CERTIFICATE",
        "USUFRUCTUARY, LAND_REGISTRY_CERTIFICATE",
        "TENANT, LANDLORD_DECLARATION",
        "SUBTENANT, LANDLORD_DECLARATION",
        "BORROWER, LANDLORD_DECLARATION",
        "OTHER_ACCOMMODATION, LANDLORD_DECLARATION"
    })
    void asksForTheAddressProofTheTitleCallsFor(AddressTitle title, DocumentType proof) {
        List<RequiredItem> items = rules.requiredDocuments(SUBMITTED_ON, List.of(adult(false)), title);

        assertThat(types(items)).contains(DocumentType.ADDRESS_DECLARATION, proof);
        assertThat(types(items))
                .doesNotContain(
                        proof == DocumentType.LANDLORD_DECLARATION
                                ? DocumentType.LAND_REGISTRY_CERTIFICATE
                                : DocumentType.LANDLORD_DECLARATION);
        assertThat(items)
                .filteredOn(item -> item.documentType() == DocumentType.ADDRESS_DECLARATION)
                .singleElement()
                .extracting(RequiredItem::reason)
                .asString()
                .contains("stating the title");
    }

    @Test
    void asksForProofOfLegalEntryOnlyOfAMemberInPortugal() {
        assertThat(types(rules.requiredDocuments(SUBMITTED_ON, List.of(adult(true)), null)))
                .contains(DocumentType.PROOF_OF_LEGAL_ENTRY);
        assertThat(types(rules.requiredDocuments(SUBMITTED_ON, List.of(adult(false)), null)))
                .doesNotContain(DocumentType.PROOF_OF_LEGAL_ENTRY);
    }

    @ParameterizedTest(name = "born {0}: criminal record {1}")
    @CsvSource({
        // the day before the 16th birthday is the submission date: still 15
        "2010-03-11, false",
        // the 16th birthday is the submission date
        "2010-03-10, true",
        "2010-03-09, true"
    })
    void asksForACriminalRecordFromTheDayOfTheSixteenthBirthday(LocalDate dateOfBirth, boolean asked) {
        HouseholdMember member = new HouseholdMember(
                MemberId.newId(),
                Relationship.MINOR_CHILD,
                dateOfBirth,
                true,
                "BRA",
                SUBMITTED_ON.minusYears(3),
                null,
                true);

        List<DocumentType> types = types(rules.requiredDocuments(SUBMITTED_ON, List.of(member), null));

        assertThat(types.contains(DocumentType.CRIMINAL_RECORD)).isEqualTo(asked);
        assertThat(types.contains(DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK))
                .isEqualTo(asked);
    }

    /**
     * More than one year in Portugal within the five years before the submission date (2026-03-10): the year before it
     * has 365 days.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "in Portugal since exactly one year before, 2025-03-10, , false",
        "in Portugal one day more than a year, 2025-03-09, , true",
        "a long stay whose last year falls exactly inside the window, 2015-01-01, 2022-03-09, false",
        "a long stay with 366 days inside the window, 2015-01-01, 2022-03-10, true",
        "a long stay that ended before the window, 2010-01-01, 2020-12-31, false",
    })
    void asksForThePortugueseRecordCheckAfterMoreThanAYearInTheLastFive(
            String description, LocalDate from, LocalDate to, boolean asked) {
        HouseholdMember member = new HouseholdMember(
                MemberId.newId(),
                Relationship.SPOUSE,
                LocalDate.of(1990, 1, 1),
                to == null,
                "BRA",
                to == null ? from : null,
                List.of(
                        new ResidencePeriod("BRA", LocalDate.of(1990, 1, 1), from.minusDays(1)),
                        new ResidencePeriod("PRT", from, to)),
                null);

        assertThat(types(rules.requiredDocuments(SUBMITTED_ON, List.of(member), null))
                        .contains(DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK))
                .isEqualTo(asked);
    }

    @Test
    void countsOnlyTheDaysInsideTheFiveYearWindow() {
        // the window starts 2021-03-10; a stay to 2022-03-10 (last day) has 366 days inside it: more than a year
        HouseholdMember inside = residentOfPortugal(LocalDate.of(2015, 1, 1), LocalDate.of(2022, 3, 10));
        // to 2022-03-09 it has 365 days inside: exactly a year, not more
        HouseholdMember exactly = residentOfPortugal(LocalDate.of(2015, 1, 1), LocalDate.of(2022, 3, 9));

        assertThat(types(rules.requiredDocuments(SUBMITTED_ON, List.of(inside), null)))
                .contains(DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK);
        assertThat(types(rules.requiredDocuments(SUBMITTED_ON, List.of(exactly), null)))
                .doesNotContain(DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK);
    }

    @Test
    void namesTheNationalityAndEveryCountryLivedInForMoreThanAYearInTheCriminalRecordReason() {
        HouseholdMember member = new HouseholdMember(
                MemberId.newId(),
                Relationship.SPOUSE,
                LocalDate.of(1990, 1, 1),
                false,
                "BRA",
                null,
                List.of(
                        new ResidencePeriod("BRA", LocalDate.of(1990, 1, 1), LocalDate.of(2019, 12, 31)),
                        new ResidencePeriod("AGO", LocalDate.of(2020, 1, 1), LocalDate.of(2021, 6, 30)),
                        new ResidencePeriod("ESP", LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30)),
                        new ResidencePeriod("FRA", LocalDate.of(2022, 7, 1), null)),
                null);

        assertThat(rules.requiredDocuments(SUBMITTED_ON, List.of(member), null))
                .filteredOn(item -> item.documentType() == DocumentType.CRIMINAL_RECORD)
                .singleElement()
                .extracting(RequiredItem::reason)
                .asString()
                .startsWith("Criminal record: required from age 16")
                // Spain: exactly 365 days (2021-07-01 to 2022-06-30), not more than a year
                .endsWith("(BRA, AGO, FRA)");
    }

    @Test
    void statesTheModel4VersionInForceForTheCase() {
        assertThat(rules.requiredDocuments(SUBMITTED_ON, List.of(adult(false)), null))
                .filteredOn(item -> item.documentType() == DocumentType.TERM_OF_RESPONSIBILITY)
                .singleElement()
                .extracting(RequiredItem::reason)
                .asString()
                .contains("Model 4, version 2024");
    }

    @Test
    void aPolicyChangeAppliesToCasesRegisteredFromItsDateOnly() {
        LocalDate change = LocalDate.of(2026, 6, 1);
        ChecklistRules changing = new ChecklistRules(new PolicyCalendar(List.of(
                TestPolicies.policy(change, "2026", 18),
                TestPolicies.policy(TestPolicies.EFFECTIVE_FROM, "2024", 16))));
        HouseholdMember seventeen = new HouseholdMember(
                MemberId.newId(), Relationship.MINOR_CHILD, LocalDate.of(2009, 1, 1), false, null, null, null, true);

        List<RequiredItem> before = changing.requiredDocuments(change.minusDays(1), List.of(seventeen), null);
        List<RequiredItem> after = changing.requiredDocuments(change, List.of(seventeen), null);

        assertThat(types(before)).contains(DocumentType.CRIMINAL_RECORD);
        assertThat(reasonOf(before, DocumentType.TERM_OF_RESPONSIBILITY)).contains("version 2024");
        assertThat(types(after)).doesNotContain(DocumentType.CRIMINAL_RECORD);
        assertThat(reasonOf(after, DocumentType.TERM_OF_RESPONSIBILITY)).contains("version 2026");
    }

    @Test
    void refusesACalendarWithoutAPolicyInForceOrWithTwoOnOneDay() {
        PolicyCalendar calendar = TestPolicies.calendar();
        assertThatThrownBy(() -> calendar.inForceOn(LocalDate.of(1999, 12, 31)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PolicyCalendar(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PolicyCalendar(List.of(
                        TestPolicies.policy(TestPolicies.EFFECTIVE_FROM, "a", 16),
                        TestPolicies.policy(TestPolicies.EFFECTIVE_FROM, "b", 16))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HouseholdMember adult(boolean inPortugal) {
        return new HouseholdMember(
                MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1990, 1, 1), inPortugal, null, null, null, null);
    }

    private static HouseholdMember residentOfPortugal(LocalDate from, LocalDate to) {
        return new HouseholdMember(
                MemberId.newId(),
                Relationship.SPOUSE,
                LocalDate.of(1990, 1, 1),
                false,
                null,
                null,
                List.of(new ResidencePeriod("PRT", from, to)),
                null);
    }

    private static List<DocumentType> types(List<RequiredItem> items) {
        return items.stream().map(RequiredItem::documentType).toList();
    }

    private static String reasonOf(List<RequiredItem> items, DocumentType type) {
        return items.stream()
                .filter(item -> item.documentType() == type)
                .findFirst()
                .orElseThrow()
                .reason();
    }
}
