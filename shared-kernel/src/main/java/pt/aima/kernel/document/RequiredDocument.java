package pt.aima.kernel.document;

import java.util.Map;
import pt.aima.kernel.ids.MemberId;

/**
 * One item of a member's checklist.
 *
 * <p>{@code reasonCode} and {@code reasonValues} were added later as <b>optional</b> fields: records published before
 * carry neither and decode with a null code and no values. A consumer that writes to the applicant words the reason
 * from the code (and its values) in the applicant's language; {@code reason} is document-service's own English
 * wording, for logs and English-speaking staff, never to be shown to an applicant in another language.
 *
 * @param documentType stable code of the document kind, for example {@code PASSPORT}
 * @param reason why it is required, in English words the applicant can act on
 * @param reasonCode stable code of why it is required; null on records published before the field existed:
 *     {@code SPONSOR_RESIDES_LEGALLY}, {@code VALID_TRAVEL_DOCUMENT}, {@code MEMBER_IN_PORTUGAL}, {@code SPOUSE_TIE},
 *     {@code UNION_OVER_TWO_YEARS}, {@code UNION_DECLARED}, {@code MINOR_CHILD_TIE}, {@code DEPENDENT_ADULT_CHILD_TIE},
 *     {@code OTHER_PARENT_ABROAD}, {@code OTHER_PARENT_RESIDENCE_NOT_DECLARED}, {@code ADOPTED_CHILD_TIE}, {@code
 *     INCAPABLE_ADULT_CHILD_TIE}, {@code ADULT_CHILD_DEPENDENCE}, {@code DEPENDENT_PARENT_TIE}, {@code
 *     ADULT_CHILD_ENROLMENT}, {@code GUARDIANSHIP_TIE}, {@code GUARDIANSHIP_RECOGNISED}, {@code ADDRESS_OF_RESIDENCE}
 *     (optional value {@code addressTitle}), {@code HOME_OWNED} and {@code HOME_NOT_OWNED} ({@code addressTitle}),
 *     {@code MEANS_OF_SUBSISTENCE}, {@code MODEL_4_IN_FORCE} ({@code model4Version}), {@code CRIMINAL_RECORD_ABROAD}
 *     ({@code fromAge}, {@code foreignStay}, optional {@code countries}), {@code STAY_IN_PORTUGAL} ({@code
 *     portugueseStay}, {@code lookback}). A consumer treats a code it does not know like a missing one.
 * @param reasonValues the facts the reason names, by name (for example {@code model4Version}; durations as ISO-8601
 *     periods such as {@code P1Y}; countries as ISO 3166-1 alpha-3 codes separated by {@code ", "}); empty when the
 *     reason names none
 */
public record RequiredDocument(
        MemberId memberId, String documentType, String reason, String reasonCode, Map<String, String> reasonValues) {

    public RequiredDocument {
        reasonValues = reasonValues == null ? Map.of() : Map.copyOf(reasonValues);
    }

    /** An item described only by the facts of the first version of the event (no reason code). */
    public RequiredDocument(MemberId memberId, String documentType, String reason) {
        this(memberId, documentType, reason, null, Map.of());
    }
}
