package pt.aima.document.casedocuments;

import static pt.aima.document.casedocuments.RequiredItem.because;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Each item says why it is required by a {@link ChecklistReason} code and the facts it names (the policy's Model 4
 * version, ages, durations, the countries, the address title), from which every reader's language words it; the English
 * sentence stored with the item is worded from the same code and facts ({@link ReasonWording}).
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
            items.add(because(id, DocumentType.SPONSOR_RESIDENCE_PERMIT, ChecklistReason.SPONSOR_RESIDES_LEGALLY));
            items.add(because(id, DocumentType.PASSPORT, ChecklistReason.VALID_TRAVEL_DOCUMENT));
            if (member.presentInPortugal()) {
                items.add(because(id, DocumentType.PROOF_OF_LEGAL_ENTRY, ChecklistReason.MEMBER_IN_PORTUGAL));
            }
            familyTieProof(member, items);
            addressProof(id, addressTitle, items);
            items.add(because(id, DocumentType.MEANS_OF_SUBSISTENCE, ChecklistReason.MEANS_OF_SUBSISTENCE));
            items.add(because(
                    id,
                    DocumentType.TERM_OF_RESPONSIBILITY,
                    ChecklistReason.MODEL_4_IN_FORCE,
                    Map.of(ChecklistReason.MODEL_4_VERSION, policy.model4Version())));
            criminalRecords(member, submittedOn, policy, items);
        }
        return List.copyOf(items);
    }

    private static void familyTieProof(HouseholdMember member, List<RequiredItem> items) {
        MemberId id = member.memberId();
        switch (member.relationship()) {
            case SPOUSE -> items.add(because(id, DocumentType.MARRIAGE_CERTIFICATE, ChecklistReason.SPOUSE_TIE));
            case DE_FACTO_PARTNER -> {
                items.add(because(id, DocumentType.PROOF_OF_UNION, ChecklistReason.UNION_OVER_TWO_YEARS));
                items.add(because(id, DocumentType.DE_FACTO_UNION_DECLARATION, ChecklistReason.UNION_DECLARED));
            }
            case MINOR_CHILD -> {
                items.add(because(id, DocumentType.BIRTH_CERTIFICATE, ChecklistReason.MINOR_CHILD_TIE));
                if (!Boolean.TRUE.equals(member.otherParentResidesInPortugal())) {
                    items.add(because(
                            id,
                            DocumentType.OTHER_PARENT_AUTHORISATION,
                            Boolean.FALSE.equals(member.otherParentResidesInPortugal())
                                    ? ChecklistReason.OTHER_PARENT_ABROAD
                                    : ChecklistReason.OTHER_PARENT_RESIDENCE_NOT_DECLARED));
                }
            }
            case ADOPTED_MINOR_CHILD ->
                items.add(because(id, DocumentType.ADOPTION_DECISION, ChecklistReason.ADOPTED_CHILD_TIE));
            case INCAPABLE_ADULT_CHILD ->
                items.add(because(id, DocumentType.INCAPACITY_PROOF, ChecklistReason.INCAPABLE_ADULT_CHILD_TIE));
            case DEPENDENT_ADULT_CHILD -> {
                items.add(because(id, DocumentType.BIRTH_CERTIFICATE, ChecklistReason.DEPENDENT_ADULT_CHILD_TIE));
                items.add(because(id, DocumentType.PROOF_OF_DEPENDENCE, ChecklistReason.ADULT_CHILD_DEPENDENCE));
                items.add(because(id, DocumentType.PROOF_OF_ENROLMENT, ChecklistReason.ADULT_CHILD_ENROLMENT));
            }
            case DEPENDENT_PARENT ->
                items.add(because(id, DocumentType.PROOF_OF_DEPENDENCE, ChecklistReason.DEPENDENT_PARENT_TIE));
            case MINOR_SIBLING_UNDER_GUARDIANSHIP -> {
                items.add(because(id, DocumentType.GUARDIANSHIP_DECISION, ChecklistReason.GUARDIANSHIP_TIE));
                items.add(because(id, DocumentType.GUARDIANSHIP_RECOGNITION, ChecklistReason.GUARDIANSHIP_RECOGNISED));
            }
        }
    }

    private static void addressProof(MemberId id, AddressTitle title, List<RequiredItem> items) {
        Map<String, String> declared = title == null ? Map.of() : Map.of(ChecklistReason.ADDRESS_TITLE, title.name());
        items.add(because(id, DocumentType.ADDRESS_DECLARATION, ChecklistReason.ADDRESS_OF_RESIDENCE, declared));
        if (title == null) {
            return;
        }
        switch (title) {
            case OWNER, USUFRUCTUARY ->
                items.add(because(id, DocumentType.LAND_REGISTRY_CERTIFICATE, ChecklistReason.HOME_OWNED, declared));
            case TENANT, SUBTENANT, BORROWER, OTHER_ACCOMMODATION ->
                items.add(because(id, DocumentType.LANDLORD_DECLARATION, ChecklistReason.HOME_NOT_OWNED, declared));
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
        Map<String, String> abroad = new HashMap<>();
        abroad.put(ChecklistReason.FROM_AGE, Integer.toString(policy.criminalRecordFromAge()));
        abroad.put(
                ChecklistReason.FOREIGN_STAY,
                policy.foreignStayForCriminalRecord().toString());
        if (!countries.isEmpty()) {
            abroad.put(ChecklistReason.COUNTRIES, String.join(", ", countries));
        }
        items.add(because(
                member.memberId(), DocumentType.CRIMINAL_RECORD, ChecklistReason.CRIMINAL_RECORD_ABROAD, abroad));

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
            items.add(because(
                    member.memberId(),
                    DocumentType.PORTUGUESE_CRIMINAL_RECORD_CHECK,
                    ChecklistReason.STAY_IN_PORTUGAL,
                    Map.of(
                            ChecklistReason.PORTUGUESE_STAY,
                            policy.portugueseStayForRecordCheck().toString(),
                            ChecklistReason.LOOKBACK,
                            policy.portugueseStayLookback().toString())));
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
}
