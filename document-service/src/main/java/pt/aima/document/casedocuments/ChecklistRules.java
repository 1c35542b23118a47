package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.ids.MemberId;

/**
 * Derives a case's checklist from the facts of its registration (Lei 23/2007, art. 103; AIMA's published list of
 * documents), judged by the {@link DocumentRulesPolicy} in force on the registration date. Every family member needs:
 * the sponsor's residence permit, a valid passport, proof of legal entry when in Portugal, the proof of the family tie
 * their relationship calls for, the address declaration with the proof its title calls for, proof of means of
 * subsistence, the Term of Responsibility (Model 4), and from the policy's age (16) a criminal record from the country
 * of nationality and every country lived in for more than the policy's stay (one year), plus the Portuguese record
 * check when they stayed in Portugal more than a year in the last five.
 *
 * <p>A stay is counted in days from its first day up to (not including) the day after its last day, or up to the
 * registration date while it continues; "more than one year" means more days than the year ending on the registration
 * date has.
 */
public class ChecklistRules {

    private static final String PORTUGAL = "PRT";

    private final PolicyCalendar policies;

    public ChecklistRules(PolicyCalendar policies) {
        this.policies = policies;
    }

    public DocumentRulesPolicy policyFor(LocalDate submittedOn) {
        return policies.inForceOn(submittedOn);
    }

    public List<RequiredItem> requiredDocuments(
            LocalDate submittedOn, List<HouseholdMember> household, AddressTitle addressTitle) {
        DocumentRulesPolicy policy = policies.inForceOn(submittedOn);
        List<RequiredItem> items = new ArrayList<>();
        for (HouseholdMember member : household) {
            MemberId id = member.memberId();
            items.add(new RequiredItem(
                    id,
                    DocumentType.SPONSOR_RESIDENCE_PERMIT,
                    "The sponsor's residence permit: the sponsor must reside legally in Portugal"));
            items.add(new RequiredItem(id, DocumentType.PASSPORT, "A valid passport or travel document of the member"));
            if (member.presentInPortugal()) {
                items.add(new RequiredItem(
                        id,
                        DocumentType.PROOF_OF_LEGAL_ENTRY,
                        "Proof of legal entry into Portugal: the member is in Portugal"));
            }
            familyTieProof(member, items);
            addressProof(id, addressTitle, items);
            items.add(new RequiredItem(
                    id,
                    DocumentType.MEANS_OF_SUBSISTENCE,
                    "Proof of means of subsistence for the household, which must cover this member"));
            items.add(new RequiredItem(
                    id,
                    DocumentType.TERM_OF_RESPONSIBILITY,
                    "Term of Responsibility (Model 4, version " + policy.model4Version() + "; an older version is"
                            + " rejected), with the signature recognised by a notary, lawyer or solicitor unless signed"
                            + " before an AIMA officer"));
            criminalRecords(member, submittedOn, policy, items);
        }
        return List.copyOf(items);
    }

    private static void familyTieProof(HouseholdMember member, List<RequiredItem> items) {
        MemberId id = member.memberId();
        switch (member.relationship()) {
            case SPOUSE ->
                items.add(new RequiredItem(
                        id,
                        DocumentType.MARRIAGE_CERTIFICATE,
                        "Proof of the family tie for a spouse: authenticated marriage certificate"));
            case DE_FACTO_PARTNER -> {
                items.add(new RequiredItem(
                        id,
                        DocumentType.PROOF_OF_UNION,
                        "Proof of the family tie for a de facto partner: documents proving the union for more than"
                                + " two years"));
                items.add(new RequiredItem(
                        id,
                        DocumentType.DE_FACTO_UNION_DECLARATION,
                        "Proof of the family tie for a de facto partner: the partners' declaration of the union"));
            }
            case MINOR_CHILD -> {
                items.add(new RequiredItem(
                        id,
                        DocumentType.BIRTH_CERTIFICATE,
                        "Proof of the family tie for a minor child: authenticated birth certificate"));
                if (!Boolean.TRUE.equals(member.otherParentResidesInPortugal())) {
                    items.add(new RequiredItem(
                            id,
                            DocumentType.OTHER_PARENT_AUTHORISATION,
                            Boolean.FALSE.equals(member.otherParentResidesInPortugal())
                                    ? "The other parent does not live in Portugal: their written authorisation"
                                            + " authenticated by a Portuguese consulate, or the custody decision"
                                    : "Unless the other parent lives in Portugal (not declared): their written"
                                            + " authorisation authenticated by a Portuguese consulate, or the custody"
                                            + " decision"));
                }
            }
            case ADOPTED_MINOR_CHILD ->
                items.add(new RequiredItem(
                        id,
                        DocumentType.ADOPTION_DECISION,
                        "Proof of the family tie for an adopted child: authenticated adoption decision"));
            case INCAPABLE_ADULT_CHILD ->
                items.add(new RequiredItem(
                        id,
                        DocumentType.INCAPACITY_PROOF,
                        "Proof of the family tie for an incapable adult child: authenticated medical report or"
                                + " court declaration of incapacity"));
            case DEPENDENT_ADULT_CHILD -> {
                items.add(new RequiredItem(
                        id,
                        DocumentType.BIRTH_CERTIFICATE,
                        "Proof of the family tie for a dependent adult child: birth certificate"));
                items.add(new RequiredItem(
                        id,
                        DocumentType.PROOF_OF_DEPENDENCE,
                        "A dependent adult child: proof of financial dependence on the sponsor"));
                items.add(new RequiredItem(
                        id,
                        DocumentType.PROOF_OF_ENROLMENT,
                        "A dependent adult child: proof of enrolment in a Portuguese educational establishment"));
            }
            case DEPENDENT_PARENT ->
                items.add(new RequiredItem(
                        id,
                        DocumentType.PROOF_OF_DEPENDENCE,
                        "Proof of the family tie for a dependent parent: proof of economic dependence and of the"
                                + " relationship (for example money transfers to the country of origin)"));
            case MINOR_SIBLING_UNDER_GUARDIANSHIP -> {
                items.add(new RequiredItem(
                        id,
                        DocumentType.GUARDIANSHIP_DECISION,
                        "Proof of the family tie for a minor under guardianship: the guardianship decision"));
                items.add(new RequiredItem(
                        id,
                        DocumentType.GUARDIANSHIP_RECOGNITION,
                        "A minor under guardianship: the certificate of the decision's recognition by the Portuguese"
                                + " authority"));
            }
        }
    }

    private static void addressProof(MemberId id, AddressTitle title, List<RequiredItem> items) {
        items.add(new RequiredItem(
                id,
                DocumentType.ADDRESS_DECLARATION,
                "Sworn declaration of the address of residence, stating the title under which the household lives"
                        + " there"
                        + (title == null
                                ? ""
                                : " (" + title.name().toLowerCase().replace('_', ' ') + ")")));
        if (title == null) {
            return;
        }
        switch (title) {
            case OWNER, USUFRUCTUARY ->
                items.add(new RequiredItem(
                        id,
                        DocumentType.LAND_REGISTRY_CERTIFICATE,
                        "The household lives there as " + title.name().toLowerCase()
                                + ": the land-registry certificate or its access code"));
            case TENANT, SUBTENANT, BORROWER, OTHER_ACCOMMODATION ->
                items.add(new RequiredItem(
                        id,
                        DocumentType.LANDLORD_DECLARATION,
                        "The household lives there as "
                                + title.name().toLowerCase().replace('_', ' ')
                                + ": a declaration from the landlord or accommodation entity"));
        }
    }

    private static void criminalRecords(
            HouseholdMember member, LocalDate submittedOn, DocumentRulesPolicy policy, List<RequiredItem> items) {
        int age = Period.between(member.dateOfBirth(), submittedOn).getYears();
        if (age < policy.criminalRecordFromAge()) {
            return;
        }
        Set<String> countries = new LinkedHashSet<>();
        if (member.nationality() != null) {
            countries.add(member.nationality());
        }
        for (ResidencePeriod period : history(member)) {
            if (!PORTUGAL.equals(period.country())
                    && longerThan(
                            days(period, submittedOn, null), policy.foreignStayForCriminalRecord(), submittedOn)) {
                countries.add(period.country());
            }
        }
        items.add(new RequiredItem(
                member.memberId(),
                DocumentType.CRIMINAL_RECORD,
                "Criminal record: required from age " + policy.criminalRecordFromAge() + ", from the country of"
                        + " nationality and any country lived in for more than "
                        + describe(policy.foreignStayForCriminalRecord()) + " before coming to Portugal"
                        + (countries.isEmpty() ? "" : " (" + String.join(", ", countries) + ")")));

        LocalDate windowStart = submittedOn.minus(policy.portugueseStayLookback());
        long daysInPortugal = history(member).stream()
                .filter(period -> PORTUGAL.equals(period.country()))
                .mapToLong(period -> days(period, submittedOn, windowStart))
                .sum();
        if (member.presentInPortugal() && member.presentInPortugalSince() != null && !coveredByHistory(member)) {
            daysInPortugal += days(
                    new ResidencePeriod(PORTUGAL, member.presentInPortugalSince(), null), submittedOn, windowStart);
        }
        if (longerThan(daysInPortugal, policy.portugueseStayForRecordCheck(), submittedOn)) {
            items.add(new RequiredItem(
                    member.memberId(),
                    DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK,
                    "Request that AIMA check the Portuguese criminal record: the member stayed in Portugal more than "
                            + describe(policy.portugueseStayForRecordCheck()) + " in the last "
                            + describe(policy.portugueseStayLookback())));
        }
    }

    private static List<ResidencePeriod> history(HouseholdMember member) {
        return member.residenceHistory() == null ? List.of() : member.residenceHistory();
    }

    /** Whether the declared history already has a Portuguese stay running on from the declared entry. */
    private static boolean coveredByHistory(HouseholdMember member) {
        return history(member).stream()
                .anyMatch(period -> PORTUGAL.equals(period.country())
                        && !period.from().isAfter(member.presentInPortugalSince())
                        && period.to() == null);
    }

    /** Days of the stay before the registration date, counted from {@code windowStart} if given. */
    private static long days(ResidencePeriod period, LocalDate submittedOn, LocalDate windowStart) {
        LocalDate start = period.from();
        if (windowStart != null && start.isBefore(windowStart)) {
            start = windowStart;
        }
        LocalDate end = period.to() == null ? submittedOn : period.to().plusDays(1);
        if (end.isAfter(submittedOn)) {
            end = submittedOn;
        }
        return Math.max(0, ChronoUnit.DAYS.between(start, end));
    }

    /** More days than the period ending on the registration date has: "more than one year". */
    private static boolean longerThan(long days, Period period, LocalDate submittedOn) {
        return days > ChronoUnit.DAYS.between(submittedOn.minus(period), submittedOn);
    }

    private static String describe(Period period) {
        if (period.getMonths() == 0 && period.getDays() == 0) {
            return period.getYears() == 1 ? "one year" : period.getYears() + " years";
        }
        return period.toString();
    }
}
