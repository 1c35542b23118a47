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
 * @param reasonCode stable code of why it is required, for example {@code MEMBER_IN_PORTUGAL}; null on records
 *     published before the field existed
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
