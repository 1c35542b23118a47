package pt.aima.kernel.application;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * A family-reunification application was registered; the legal clock starts on {@code submittedOn}.
 *
 * <p>{@code addressTitle}, {@code region} and {@code provenance} were added later as <b>optional</b> fields: records
 * published before decode with null ("not declared"; a consumer places a case without a region in {@link
 * Region#BEFORE_REGIONS}; a case without provenance counts as registered through the portal). The household members'
 * later optional fields (the end of a member's stay among them) are described on {@link HouseholdMember}; each was
 * added within version 1, as optional, so every consumer reads every record.
 *
 * @param applicantId the pseudonymous subject of the applicant's account: the only key to their own case
 * @param submittedOn the submission date, which orders the case in every queue
 * @param preferredLanguage ISO 639-1 code of the language the applicant is written to in
 * @param addressTitle the title under which the household lives at its declared address, or null when not declared
 * @param region the region where the household lives (its biometrics are collected at a desk there), or null on
 *     records published before regions existed
 * @param provenance for a case imported from the SEF backlog: its SEF number and the partner that recovered it; null
 *     for a case registered through the portal (and on records published before imports said so)
 */
@PublishedEvent(type = "ApplicationRegistered", version = 1)
public record ApplicationRegistered(
        CaseId caseId,
        String applicantId,
        LocalDate submittedOn,
        List<HouseholdMember> household,
        String preferredLanguage,
        AddressTitle addressTitle,
        Region region,
        LegacyProvenance provenance)
        implements ApplicationEvent {

    public ApplicationRegistered {
        household = List.copyOf(household);
    }

    /** A registration described only by the facts of the first version of the event. */
    public ApplicationRegistered(
            CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            List<HouseholdMember> household,
            String preferredLanguage) {
        this(caseId, applicantId, submittedOn, household, preferredLanguage, null, null, null);
    }

    /** A registration described by the facts published before regions existed. */
    public ApplicationRegistered(
            CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            List<HouseholdMember> household,
            String preferredLanguage,
            AddressTitle addressTitle) {
        this(caseId, applicantId, submittedOn, household, preferredLanguage, addressTitle, null, null);
    }

    /** A registration described by the facts published before imported cases named their provenance. */
    public ApplicationRegistered(
            CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            List<HouseholdMember> household,
            String preferredLanguage,
            AddressTitle addressTitle,
            Region region) {
        this(caseId, applicantId, submittedOn, household, preferredLanguage, addressTitle, region, null);
    }

    /** The region to place the case in: its own, or {@link Region#BEFORE_REGIONS} on records from before regions. */
    public Region regionOrDefault() {
        return region == null ? Region.BEFORE_REGIONS : region;
    }

    /**
     * What this record says in version 2's terms (the household without its personal facts): consumers that need
     * only those read both versions through one path.
     */
    public ApplicationRegisteredV2 withoutPersonalFacts() {
        return new ApplicationRegisteredV2(
                caseId,
                applicantId,
                submittedOn,
                household.stream()
                        .map(member -> new ApplicationRegisteredV2.Member(
                                member.memberId(),
                                member.relationship(),
                                member.presentInPortugal(),
                                member.stayEndsOn()))
                        .toList(),
                preferredLanguage,
                addressTitle,
                region,
                provenance);
    }
}
