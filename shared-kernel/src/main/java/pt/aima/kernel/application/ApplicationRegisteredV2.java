package pt.aima.kernel.application;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * A case was registered: version 2 of {@code ApplicationRegistered}, for every reader of the application topic, with
 * no personal facts of the household (no dates of birth, nationalities, residence histories, dates of entry, nor the
 * other parent's residence). Those go only to document-service, whose rules need them, on a restricted topic
 * ({@link HouseholdDeclared}). Version 1 ({@link ApplicationRegistered}) keeps its meaning: records of it stay
 * readable.
 *
 * @param household who the case is about, and what consumers other than document-service use of each member
 * @param preferredLanguage ISO 639-1 code the applicant is written to in
 * @param addressTitle the title the household lives under at its address; null when not declared
 * @param region where the household lives (its biometrics are collected at a desk there)
 * @param provenance for a case imported from the SEF backlog, where it came from; null otherwise
 */
@PublishedEvent(type = "ApplicationRegistered", version = 2)
public record ApplicationRegisteredV2(
        CaseId caseId,
        String applicantId,
        LocalDate submittedOn,
        List<Member> household,
        String preferredLanguage,
        AddressTitle addressTitle,
        Region region,
        LegacyProvenance provenance)
        implements ApplicationEvent {

    /**
     * @param presentInPortugal whether the member lives in Portugal already
     * @param stayEndsOn the last day of the member's current lawful stay in Portugal when known; null otherwise (later
     *     changes are {@link MemberStayUpdated} events)
     */
    public record Member(
            MemberId memberId, Relationship relationship, boolean presentInPortugal, LocalDate stayEndsOn) {}

    public ApplicationRegisteredV2 {
        household = List.copyOf(household);
    }

    /** The region to place the case in: its own, or {@link Region#BEFORE_REGIONS} on records without one. */
    public Region regionOrDefault() {
        return region == null ? Region.BEFORE_REGIONS : region;
    }
}
