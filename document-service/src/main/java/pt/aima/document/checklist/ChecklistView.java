package pt.aima.document.checklist;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a case still needs, per family member, and why.
 *
 * @param complete every item of every member has an accepted document
 */
public record ChecklistView(UUID caseId, LocalDate submittedOn, boolean complete, List<MemberItems> members) {

    public record MemberItems(UUID memberId, List<Item> items) {}

    /**
     * @param status MISSING, UPLOADED (awaiting verification), ACCEPTED or REJECTED
     * @param documentId the item's current version, if one was uploaded
     * @param rejectionReasonCode and {@code rejectionReason}: why the current version was rejected
     */
    public record Item(
            String documentType,
            String reason,
            String status,
            UUID documentId,
            String rejectionReasonCode,
            String rejectionReason) {}
}
