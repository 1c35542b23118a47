package pt.aima.document.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.ChecklistRules;
import pt.aima.document.casedocuments.DocumentRulesPolicy;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.document.casedocuments.PolicyCalendar;
import pt.aima.document.casedocuments.RequiredItem;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * Every reason the checklist rules write today is published with its code and the facts it names, so that readers
 * word it in their own language: a change of the rules' wording that the publisher no longer recognises fails here
 * rather than sending applicants the generic reason.
 */
class ChecklistReasonsTest {

    private static final LocalDate SUBMITTED_ON = LocalDate.of(2026, 3, 10);

    private static DocumentRulesPolicy policy(Period foreignStay) {
        return new DocumentRulesPolicy(
                LocalDate.of(2000, 1, 1),
                "2024",
                1_048_576,
                List.of("application/pdf"),
                16,
                foreignStay,
                Period.ofYears(1),
                Period.ofYears(5),
                Period.ofDays(7),
                Period.ofDays(15));
    }

    /** Every relationship, in and out of Portugal, every address title and none, with and without foreign stays. */
    private static List<RequiredItem> everyKindOfItem(Period foreignStay) {
        ChecklistRules rules = new ChecklistRules(new PolicyCalendar(List.of(policy(foreignStay))));
        List<RequiredItem> items = new ArrayList<>();
        List<AddressTitle> titles = new ArrayList<>(List.of(AddressTitle.values()));
        titles.add(null);
        for (AddressTitle title : titles) {
            for (Relationship relationship : Relationship.values()) {
                for (Boolean otherParentInPortugal : new Boolean[] {Boolean.TRUE, Boolean.FALSE, null}) {
                    boolean minor = relationship.name().contains("MINOR");
                    items.addAll(rules.requiredDocuments(
                            SUBMITTED_ON,
                            List.of(
                                    new HouseholdMember(
                                            MemberId.newId(),
                                            relationship,
                                            SUBMITTED_ON.minusYears(minor ? 17 : 40),
                                            true,
                                            "BRA",
                                            SUBMITTED_ON.minusYears(3),
                                            List.of(
                                                    new ResidencePeriod(
                                                            "IND",
                                                            SUBMITTED_ON.minusYears(10),
                                                            SUBMITTED_ON
                                                                    .minusYears(3)
                                                                    .minusDays(1)),
                                                    new ResidencePeriod("PRT", SUBMITTED_ON.minusYears(3), null)),
                                            minor ? otherParentInPortugal : null),
                                    new HouseholdMember(
                                            MemberId.newId(),
                                            relationship,
                                            SUBMITTED_ON.minusYears(minor ? 17 : 40),
                                            false,
                                            null,
                                            null,
                                            null,
                                            minor ? otherParentInPortugal : null)),
                            title));
                }
            }
        }
        return items;
    }

    @Test
    void recognisesEveryReasonTheRulesWriteWithTheFactsItNames() {
        Set<String> codes = new HashSet<>();
        for (RequiredItem item : everyKindOfItem(Period.ofYears(1))) {
            var coded = ChecklistReasons.of(item.documentType(), item.reason());
            assertThat(coded).as("%s: %s", item.documentType(), item.reason()).isPresent();
            codes.add(coded.get().code());
        }

        assertThat(codes)
                .containsExactlyInAnyOrder(
                        "SPONSOR_RESIDES_LEGALLY",
                        "VALID_TRAVEL_DOCUMENT",
                        "MEMBER_IN_PORTUGAL",
                        "SPOUSE_TIE",
                        "UNION_OVER_TWO_YEARS",
                        "UNION_DECLARED",
                        "MINOR_CHILD_TIE",
                        "DEPENDENT_ADULT_CHILD_TIE",
                        "OTHER_PARENT_ABROAD",
                        "OTHER_PARENT_RESIDENCE_NOT_DECLARED",
                        "ADOPTED_CHILD_TIE",
                        "INCAPABLE_ADULT_CHILD_TIE",
                        "ADULT_CHILD_DEPENDENCE",
                        "DEPENDENT_PARENT_TIE",
                        "ADULT_CHILD_ENROLMENT",
                        "GUARDIANSHIP_TIE",
                        "GUARDIANSHIP_RECOGNISED",
                        "ADDRESS_OF_RESIDENCE",
                        "HOME_OWNED",
                        "HOME_NOT_OWNED",
                        "MEANS_OF_SUBSISTENCE",
                        "MODEL_4_IN_FORCE",
                        "CRIMINAL_RECORD_ABROAD",
                        "STAY_IN_PORTUGAL");
    }

    @Test
    void publishesTheFactsOfAReasonAsCodesAndIsoPeriods() {
        List<RequiredItem> items = everyKindOfItem(Period.ofMonths(6));

        assertThat(valuesOf(items, DocumentType.CRIMINAL_RECORD))
                .contains(
                        Map.of("fromAge", "16", "foreignStay", "P6M", "countries", "BRA, IND"),
                        Map.of("fromAge", "16", "foreignStay", "P6M"));
        assertThat(valuesOf(items, DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK))
                .containsOnly(Map.of("portugueseStay", "P1Y", "lookback", "P5Y"));
        assertThat(valuesOf(items, DocumentType.TERM_OF_RESPONSIBILITY)).containsOnly(Map.of("model4Version", "2024"));
        assertThat(valuesOf(items, DocumentType.ADDRESS_DECLARATION))
                .contains(Map.of("addressTitle", "OTHER_ACCOMMODATION"), Map.of());
        assertThat(valuesOf(items, DocumentType.LAND_REGISTRY_CERTIFICATE))
                .containsOnly(Map.of("addressTitle", "OWNER"), Map.of("addressTitle", "USUFRUCTUARY"));
        assertThat(valuesOf(items, DocumentType.PASSPORT)).containsOnly(Map.of());
    }

    @Test
    void publishesTheChecklistWithEachReasonsCodeAndWithoutOneForASentenceItDoesNotKnow() {
        MemberId member = MemberId.newId();
        var opened = new ChecklistOpened(
                CaseId.newId(),
                "applicant-1",
                SUBMITTED_ON,
                List.of(
                        new RequiredItem(
                                member,
                                DocumentType.PROOF_OF_LEGAL_ENTRY,
                                "Proof of legal entry into Portugal: the member is in Portugal"),
                        new RequiredItem(member, DocumentType.PASSPORT, "Worded in some earlier way")));

        var published = (DocumentChecklistOpened)
                new DocumentEventTranslator().translate(opened).getFirst();

        assertThat(published.items())
                .containsExactly(
                        new RequiredDocument(
                                member,
                                "PROOF_OF_LEGAL_ENTRY",
                                "Proof of legal entry into Portugal: the member is in Portugal",
                                "MEMBER_IN_PORTUGAL",
                                Map.of()),
                        new RequiredDocument(member, "PASSPORT", "Worded in some earlier way", null, Map.of()));
    }

    private static Set<Map<String, String>> valuesOf(List<RequiredItem> items, DocumentType type) {
        Set<Map<String, String>> values = new HashSet<>();
        items.stream()
                .filter(item -> item.documentType() == type)
                .forEach(item -> values.add(
                        ChecklistReasons.of(type, item.reason()).orElseThrow().values()));
        return values;
    }
}
