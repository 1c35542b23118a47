package pt.aima.document.casedocuments;

import java.util.Objects;
import pt.aima.kernel.ids.MemberId;

/**
 * One document a family member must provide, with the reason in words the applicant can act on.
 *
 * @param reason why it is required, shown to the applicant and published with the checklist
 */
public record RequiredItem(MemberId memberId, DocumentType documentType, String reason) {

    public RequiredItem {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(reason, "reason");
    }
}
