package pt.aima.document.projection.checklist;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a case still needs, per family member, and why, in the reader's language.
 *
 * @param complete every item of every member has an accepted document
 * @param language the ISO 639-1 code of the language the items' reasons are worded in ({@code pt} or {@code en})
 */
public record ChecklistView(
        UUID caseId, LocalDate submittedOn, boolean complete, String language, List<MemberItems> members) {

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
     * @param reason why the item is required, in the view's language
     * @param reasonCode the stable code of why it is required (see document-service's {@code ChecklistReason}, and
     *     {@code RequiredDocument} in the published language); null only for an item of a checklist opened before
     *     codes whose reason was not recognised
     * @param reasonValues the facts the reason names, by name, as codes (durations as ISO-8601 periods, the address
     *     title as its code, countries as alpha-3 codes); empty when it names none
     * @param status MISSING, UPLOADED (awaiting verification), ACCEPTED or REJECTED
     * @param documentId the item's current version, if one was uploaded
     * @param rejectionReasonCode and {@code rejectionReason}: why the current version was rejected
     */
    public record Item(
            String documentType,
            String reason,
            String reasonCode,
            Map<String, String> reasonValues,
            String status,
            UUID documentId,
            String rejectionReasonCode,
            String rejectionReason) {}
}
