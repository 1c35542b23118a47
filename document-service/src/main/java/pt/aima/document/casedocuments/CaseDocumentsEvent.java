package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/**
 * What happened to a case's documents, as document-service records it. Internal: {@code publishing} decides what other
 * services see. Each upload is a new version of its checklist item; older versions stay in the history.
 */
public sealed interface CaseDocumentsEvent {

    CaseId caseId();

    /**
     * @param applicantId the account the case belongs to: an applicant sees and uploads to their own case only
     * @param items the checklist as the rules derived it on opening; later rule changes do not alter it
     */
    @Revision("1")
    record ChecklistOpened(CaseId caseId, String applicantId, LocalDate submittedOn, List<RequiredItem> items)
            implements CaseDocumentsEvent {

        public ChecklistOpened {
            items = List.copyOf(items);
        }
    }

    /** @param supersedes the item's previous version, if any; it can no longer be verified */
    @Revision("1")
    record DocumentVersionUploaded(
            CaseId caseId,
            DocumentId documentId,
            MemberId memberId,
            DocumentType documentType,
            String sha256,
            long sizeBytes,
            String mediaType,
            DocumentId supersedes)
            implements CaseDocumentsEvent {}

    @Revision("1")
    record DocumentVersionAccepted(CaseId caseId, DocumentId documentId, MemberId memberId, DocumentType documentType)
            implements CaseDocumentsEvent {}

    @Revision("1")
    record DocumentVersionRejected(
            CaseId caseId,
            DocumentId documentId,
            MemberId memberId,
            DocumentType documentType,
            String reasonCode,
            String reason)
            implements CaseDocumentsEvent {}

    /** Every item of every member has an accepted document. Happens once per case. */
    @Revision("1")
    record ChecklistCompleted(CaseId caseId) implements CaseDocumentsEvent {}
}
