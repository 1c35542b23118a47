package pt.aima.document.projection.checklist;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a case still needs, per family member, and why.
 *
 * @param complete every item of every member has an accepted document
 */
public record ChecklistView(UUID caseId, LocalDate submittedOn, boolean complete, List<MemberItems> members) {

    /**
     * One member's part of the checklist, summed up for the applicant: what is accepted, what awaits verification,
     * and what is still missing (never uploaded, or rejected: the item says why).
     */
    public record MemberItems(
            UUID memberId,
            boolean complete,
            List<String> accepted,
            List<String> awaitingVerification,
            List<String> missing,
            List<Item> items) {

        public static MemberItems of(UUID memberId, List<Item> items) {
            List<String> accepted = typesWith(items, "ACCEPTED");
            return new MemberItems(
                    memberId,
                    accepted.size() == items.size(),
                    accepted,
                    typesWith(items, "UPLOADED"),
                    items.stream()
                            .filter(item -> item.status().equals("MISSING")
                                    || item.status().equals("REJECTED"))
                            .map(Item::documentType)
                            .toList(),
                    List.copyOf(items));
        }

        private static List<String> typesWith(List<Item> items, String status) {
            return items.stream()
                    .filter(item -> item.status().equals(status))
                    .map(Item::documentType)
                    .toList();
        }
    }

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
