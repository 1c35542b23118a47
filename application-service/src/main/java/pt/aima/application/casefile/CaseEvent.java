package pt.aima.application.casefile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.platform.privacy.DataSubject;
import pt.aima.platform.privacy.Personal;

/**
 * What happened to a case, as application-service records it. Internal: these events hold the personal data the
 * case needs (names, contact, what staff wrote about the case) and never leave the service; {@code publishing} decides
 * what is published. Components marked {@link Personal} are stored encrypted under the key of the event's {@link
 * DataSubject} (the applicant, or the case for an event that names the case only), and read back as erased once that
 * key was destroyed ({@link ApplicantDataErased} destroys both).
 */
public sealed interface CaseEvent {

    CaseId caseId();

    record Sponsor(@Personal String fullName, @Personal String residencePermitNumber) {}

    /**
     * One family member. {@code presentInPortugalSince}, {@code residenceHistory}, {@code
     * otherParentResidesInPortugal} and {@code stayEndsOn} were added later and are optional: events stored before
     * hold none of them and read back with null ("not declared").
     *
     * @param presentInPortugalSince the day the member entered Portugal, when present; null if not declared
     * @param residenceHistory the countries lived in, oldest first; null if not declared
     * @param otherParentResidesInPortugal for a minor child: whether the other parent lives in Portugal; null if not
     *     declared
     * @param stayEndsOn the last day of the member's current lawful stay in Portugal when known at registration;
     *     null if not known (later changes are {@link MemberStayChanged} events)
     */
    record Member(
            MemberId memberId,
            @Personal String fullName,
            Relationship relationship,
            @Personal LocalDate dateOfBirth,
            @Personal String nationality,
            boolean presentInPortugal,
            @Personal LocalDate presentInPortugalSince,
            @Personal List<Residence> residenceHistory,
            Boolean otherParentResidesInPortugal,
            LocalDate stayEndsOn) {

        public Member(
                MemberId memberId,
                String fullName,
                Relationship relationship,
                LocalDate dateOfBirth,
                String nationality,
                boolean presentInPortugal) {
            this(memberId, fullName, relationship, dateOfBirth, nationality, presentInPortugal, null, null, null, null);
        }

        /** A member as declared before the end of the member's stay was asked for. */
        public Member(
                MemberId memberId,
                String fullName,
                Relationship relationship,
                LocalDate dateOfBirth,
                String nationality,
                boolean presentInPortugal,
                LocalDate presentInPortugalSince,
                List<Residence> residenceHistory,
                Boolean otherParentResidesInPortugal) {
            this(
                    memberId,
                    fullName,
                    relationship,
                    dateOfBirth,
                    nationality,
                    presentInPortugal,
                    presentInPortugalSince,
                    residenceHistory,
                    otherParentResidesInPortugal,
                    null);
        }

        public Member {
            residenceHistory = residenceHistory == null ? null : List.copyOf(residenceHistory);
        }
    }

    /**
     * @param country ISO 3166-1 alpha-3
     * @param to the last day, or null while the stay continues
     */
    record Residence(String country, LocalDate from, LocalDate to) {}

    /** @param phone E.164, or null when the applicant gave none */
    record Contact(@Personal String email, @Personal String phone, String preferredLanguage) {}

    /**
     * Where a case recovered from the SEF backlog came from. The operator who imported it is the event's actor.
     *
     * @param legacyNumber the SEF case number (the case id is derived from it)
     * @param importId the backlog import that registered the case
     * @param partnerType who recovered it: CLAIM, MUNICIPALITY or PROFESSIONAL_ASSOCIATION
     * @param partnerName the partner organisation's name
     * @param deskRegion the desk region the legacy file names
     */
    record Provenance(
            String legacyNumber, String importId, String partnerType, String partnerName, String deskRegion) {}

    /**
     * @param region where the household lives, from the published list (its biometrics are collected at a desk there);
     *     added later, optional: events stored before read back with null (published without a region, which
     *     consumers place in {@link Region#BEFORE_REGIONS}). Jackson reads a missing field as null, so no upcaster
     *     and no new revision are needed.
     * @param addressTitle the title under which the household lives at its address; added later, optional: events
     *     stored before read back with null ("not declared")
     * @param provenance for a case imported from the SEF backlog, where it came from; added later, optional: null for
     *     a case registered through the portal and for events stored before
     */
    @StoredAs("application.ApplicationSubmitted")
    @Revision("1")
    record ApplicationSubmitted(
            CaseId caseId,
            @DataSubject String applicantId,
            LocalDate submittedOn,
            Sponsor sponsor,
            List<Member> members,
            Contact contact,
            AddressTitle addressTitle,
            Provenance provenance,
            Region region)
            implements CaseEvent {

        public ApplicationSubmitted(
                CaseId caseId,
                String applicantId,
                LocalDate submittedOn,
                Sponsor sponsor,
                List<Member> members,
                Contact contact) {
            this(caseId, applicantId, submittedOn, sponsor, members, contact, null, null, null);
        }
    }

    @StoredAs("application.ChecklistOpenedRecorded")
    @Revision("1")
    record ChecklistOpenedRecorded(CaseId caseId, int requiredDocuments) implements CaseEvent {}

    @StoredAs("application.ChecklistCompletionRecorded")
    @Revision("1")
    record ChecklistCompletionRecorded(CaseId caseId) implements CaseEvent {}

    @StoredAs("application.BiometricSlotRecorded")
    @Revision("1")
    record BiometricSlotRecorded(CaseId caseId, String deskId, LocalDateTime startsAt) implements CaseEvent {}

    @StoredAs("application.BiometricsCollectionRecorded")
    @Revision("1")
    record BiometricsCollectionRecorded(CaseId caseId) implements CaseEvent {}

    /**
     * @param reasoning the caseworker's statement of reasons, as the applicant is told: personal data of the case's
     *     applicant, stored encrypted under the case's key (the event names the case only), which the applicant's
     *     erasure destroys. Stored in clear before the encryption existed.
     */
    @StoredAs("application.DecisionMade")
    @Revision("1")
    record DecisionMade(
            @DataSubject(indirect = true) CaseId caseId,
            Outcome outcome,
            List<String> grounds,
            @Personal String reasoning)
            implements CaseEvent {}

    /**
     * The legal decision deadline was extended, once, for the complexity of the case. When is the event's timestamp.
     *
     * @param reason the caseworker's statement of why, as the applicant is told; stored encrypted under the case's key
     *     like {@link DecisionMade#reasoning()}
     * @param decideBy the new last day for the decision, from the deadline rule in force on the registration date
     */
    @StoredAs("application.DeadlineExtended")
    @Revision("1")
    record DeadlineExtended(@DataSubject(indirect = true) CaseId caseId, @Personal String reason, LocalDate decideBy)
            implements CaseEvent {}

    /** Staff recorded a new last day of a member's current lawful stay in Portugal. */
    @StoredAs("application.MemberStayChanged")
    @Revision("1")
    record MemberStayChanged(CaseId caseId, MemberId memberId, LocalDate stayEndsOn) implements CaseEvent {}

    /**
     * The applicant's personal data in this case was erased at the end of its legal retention: the applicant's key
     * and the case's are destroyed, so the personal components of the case's events read as erased from now on. The
     * operator is the event's actor.
     *
     * @param legalBasis why the data may no longer be kept
     */
    @StoredAs("application.ApplicantDataErased")
    @Revision("1")
    record ApplicantDataErased(CaseId caseId, String applicantId, String legalBasis) implements CaseEvent {}
}
