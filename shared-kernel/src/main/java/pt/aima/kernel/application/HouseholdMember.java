package pt.aima.kernel.application;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.ids.MemberId;

/**
 * What other services need to know of one family member: the facts the document rules and the scheduler act on.
 * Names, passport numbers and contact data stay in application-service.
 *
 * <p>{@code nationality}, {@code presentInPortugalSince}, {@code residenceHistory}, {@code
 * otherParentResidesInPortugal} and {@code stayEndsOn} were added later as <b>optional</b> fields: records published
 * before carry none of them and decode with null, which consumers read as "not declared".
 *
 * @param nationality ISO 3166-1 alpha-3 code of the member's nationality (the country whose criminal record is asked
 *     for), or null when not declared
 * @param presentInPortugalSince the day the member entered Portugal when {@code presentInPortugal}, or null
 * @param residenceHistory the countries the member lived in, oldest first (the last five years at least); null when
 *     not declared
 * @param otherParentResidesInPortugal for a minor child: whether the other parent lives in Portugal (if not, that
 *     parent's authorisation or the custody decision is required); null when not declared or not applicable
 * @param stayEndsOn the last day of the member's current lawful stay in Portugal (a visa, a stay extension), when
 *     known at registration; null when not known. Later changes are {@link MemberStayUpdated} events
 */
public record HouseholdMember(
        MemberId memberId,
        Relationship relationship,
        LocalDate dateOfBirth,
        boolean presentInPortugal,
        String nationality,
        LocalDate presentInPortugalSince,
        List<ResidencePeriod> residenceHistory,
        Boolean otherParentResidesInPortugal,
        LocalDate stayEndsOn) {

    public HouseholdMember {
        residenceHistory = residenceHistory == null ? null : List.copyOf(residenceHistory);
    }

    /** A member described by the facts published before the end of the member's stay was. */
    public HouseholdMember(
            MemberId memberId,
            Relationship relationship,
            LocalDate dateOfBirth,
            boolean presentInPortugal,
            String nationality,
            LocalDate presentInPortugalSince,
            List<ResidencePeriod> residenceHistory,
            Boolean otherParentResidesInPortugal) {
        this(
                memberId,
                relationship,
                dateOfBirth,
                presentInPortugal,
                nationality,
                presentInPortugalSince,
                residenceHistory,
                otherParentResidesInPortugal,
                null);
    }

    /** A member described only by the facts of the first version of the event. */
    public HouseholdMember(
            MemberId memberId, Relationship relationship, LocalDate dateOfBirth, boolean presentInPortugal) {
        this(memberId, relationship, dateOfBirth, presentInPortugal, null, null, null, null, null);
    }
}
