package pt.aima.kernel.document;

import pt.aima.kernel.ids.MemberId;

/**
 * One item of a member's checklist.
 *
 * @param documentType stable code of the document kind, for example {@code PASSPORT}
 * @param reason why it is required, in words the applicant can act on
 */
public record RequiredDocument(MemberId memberId, String documentType, String reason) {}
