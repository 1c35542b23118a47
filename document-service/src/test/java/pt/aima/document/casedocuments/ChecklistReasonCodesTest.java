package pt.aima.document.casedocuments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.ids.MemberId;

/**
 * The checklist rules give every item its reason's code and the facts it names, so that readers word it in their own
 * language; the English sentence is worded from them. Items stored before codes get theirs back from their sentences:
 * every sentence the rules write today is read back as its own code and facts, so a checklist opened before codes reads
 * as one opened now.
 */
class ChecklistReasonCodesTest {

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
    void everyItemTheRulesWriteHasItsReasonsCodeAndEveryCodeIsWritten() {
        Set<String> codes = new HashSet<>();
        for (RequiredItem item : everyKindOfItem(Period.ofYears(1))) {
            assertThat(item.reasonCode())
                    .as("%s: %s", item.documentType(), item.reason())
                    .isNotNull();
            codes.add(item.reasonCode());
        }

        assertThat(codes)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ChecklistReason.values())
                        .map(ChecklistReason::name)
                        .toList());
    }

    @Test
    void theFactsOfAReasonAreCodesAndIsoPeriods() {
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
    void theEnglishSentencesAreTheOnesTheRulesHaveAlwaysWritten() {
        List<RequiredItem> items = everyKindOfItem(Period.ofYears(1));

        assertThat(items)
                .extracting(RequiredItem::reason)
                .contains(
                        "The sponsor's residence permit: the sponsor must reside legally in Portugal",
                        "Proof of legal entry into Portugal: the member is in Portugal",
                        "Sworn declaration of the address of residence, stating the title under which the household"
                                + " lives there (other accommodation)",
                        "Sworn declaration of the address of residence, stating the title under which the household"
                                + " lives there",
                        "The household lives there as usufructuary: the land-registry certificate or its access code",
                        "Term of Responsibility (Model 4, version 2024; an older version is rejected), with the"
                                + " signature recognised by a notary, lawyer or solicitor unless signed before an AIMA"
                                + " officer",
                        "Criminal record: required from age 16, from the country of nationality and any country lived"
                                + " in for more than one year before coming to Portugal (BRA, IND)",
                        "Request that AIMA check the Portuguese criminal record: the member stayed in Portugal more"
                                + " than one year in the last 5 years");
    }

    @Test
    void everySentenceTheRulesWriteIsReadBackAsItsOwnCodeAndFacts() {
        List<RequiredItem> items = new ArrayList<>(everyKindOfItem(Period.ofYears(1)));
        items.addAll(everyKindOfItem(Period.ofMonths(6)));
        items.addAll(everyKindOfItem(Period.of(1, 6, 0)));

        for (RequiredItem item : items) {
            RequiredItem storedBeforeCodes = new RequiredItem(item.memberId(), item.documentType(), item.reason());
            assertThat(storedBeforeCodes).as(item.reason()).isEqualTo(item);
        }
    }

    @Test
    void anItemStoredBeforeCodesInAnEarlierWordingGetsItsCodeOrNone() {
        MemberId member = MemberId.newId();

        RequiredItem earlierTie = new RequiredItem(
                member,
                DocumentType.BIRTH_CERTIFICATE,
                "Proof of the family tie for a minor child: authenticated birth certificate (and, if the other parent"
                        + " does not live here, their authenticated authorisation or the custody decision)");
        RequiredItem earlierRecord = new RequiredItem(
                member,
                DocumentType.CRIMINAL_RECORD,
                "Criminal record: required from age 16, from the country of nationality and any country lived in for"
                        + " more than P1Y before coming to Portugal (BRA)");
        RequiredItem unknown = new RequiredItem(
                member,
                DocumentType.TERM_OF_RESPONSIBILITY,
                "Term of Responsibility (Model 4, current version), with the signature recognised by a notary, lawyer"
                        + " or solicitor unless signed before an AIMA officer");

        assertThat(earlierTie.reasonCode()).isEqualTo("MINOR_CHILD_TIE");
        assertThat(earlierTie.reasonValues()).isEmpty();
        assertThat(earlierRecord.reasonCode()).isEqualTo("CRIMINAL_RECORD_ABROAD");
        assertThat(earlierRecord.reasonValues())
                .isEqualTo(Map.of("fromAge", "16", "foreignStay", "P1Y", "countries", "BRA"));
        assertThat(unknown.reasonCode())
                .as("the version is not stated: no code rather than a wrong fact")
                .isNull();
        assertThat(unknown.reasonValues()).isEmpty();
    }

    private static Set<Map<String, String>> valuesOf(List<RequiredItem> items, DocumentType type) {
        Set<Map<String, String>> values = new HashSet<>();
        items.stream().filter(item -> item.documentType() == type).forEach(item -> values.add(item.reasonValues()));
        return values;
    }
}
