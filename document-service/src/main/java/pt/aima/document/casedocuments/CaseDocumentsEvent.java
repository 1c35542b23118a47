package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.platform.privacy.DataSubject;
import pt.aima.platform.privacy.Personal;

/**
 * What happened to a case's documents, as document-service records it. Internal: {@code publishing} decides what other
 * services see. Each upload is a new version of its checklist item; older versions stay in the history.
 */
public sealed interface CaseDocumentsEvent {

    CaseId caseId();

    /**
     * {@code preferredLanguage} was added later as an <b>optional</b> field: checklists opened before decode with null,
     * and their readers are written to in Portuguese, the language of the administration.
     *
     * @param applicantId the account the case belongs to: an applicant sees and uploads to their own case only
     * @param items the checklist as the rules derived it on opening; later rule changes do not alter it
     * @param preferredLanguage the ISO 639-1 code of the language the applicant is written to in, as registered
     */
    @StoredAs("document.ChecklistOpened")
    @Revision("1")
    record ChecklistOpened(
            CaseId caseId,
            @DataSubject String applicantId,
            LocalDate submittedOn,
            List<RequiredItem> items,
            String preferredLanguage)
            implements CaseDocumentsEvent {

        public ChecklistOpened {
            items = List.copyOf(items);
        }
    }

    /**
     * The applicant's personal data was erased (application-service's {@code ApplicantDataErased}, with its legal
     * basis): the uploaded contents of the case are deleted (their digests and sizes stay, so the history still says
     * what was verified) and the applicant's data key and the case's are destroyed, so the checklist's reasons (which
     * name the countries the members lived in) and the caseworkers' rejection and evidence notes read as erased in
     * every event. No personal data.
     */
    @StoredAs("document.DocumentDataErased")
    @Revision("1")
    record DocumentDataErased(CaseId caseId, String applicantId, String legalBasis) implements CaseDocumentsEvent {}

    /** @param supersedes the item's previous version, if any; it can no longer be verified */
    @StoredAs("document.DocumentVersionUploaded")
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

    @StoredAs("document.DocumentVersionAccepted")
    @Revision("1")
    record DocumentVersionAccepted(CaseId caseId, DocumentId documentId, MemberId memberId, DocumentType documentType)
            implements CaseDocumentsEvent {}

    /**
     * @param reasonCode why, as a code every reader words in its own language
     * @param reason the caseworker's note, as written: personal data of the case's applicant, stored encrypted under
     *     the case's key (the event names the case only), which the applicant's erasure destroys. Stored in clear
     *     before the encryption existed.
     */
    @StoredAs("document.DocumentVersionRejected")
    @Revision("1")
    record DocumentVersionRejected(
            @DataSubject(indirect = true) CaseId caseId,
            DocumentId documentId,
            MemberId memberId,
            DocumentType documentType,
            String reasonCode,
            @Personal String reason)
            implements CaseDocumentsEvent {}

    /** Every item of every member has an accepted document. Happens once per case. */
    @StoredAs("document.ChecklistCompleted")
    @Revision("1")
    record ChecklistCompleted(CaseId caseId) implements CaseDocumentsEvent {}

    /**
     * A caseworker asked for evidence.
     *
     * @param memberId null when the request concerns the case as a whole
     * @param reason the caseworker's words, stored encrypted under the case's key like {@link
     *     DocumentVersionRejected#reason()}
     * @param remindOn the day the applicant is reminded if still unanswered (policy: before {@code respondBy})
     */
    @StoredAs("document.EvidenceRequestMade")
    @Revision("1")
    record EvidenceRequestMade(
            @DataSubject(indirect = true) CaseId caseId,
            String requestId,
            MemberId memberId,
            List<DocumentType> documentTypes,
            @Personal String reason,
            LocalDate requestedOn,
            LocalDate respondBy,
            LocalDate remindOn)
            implements CaseDocumentsEvent {

        public EvidenceRequestMade {
            documentTypes = List.copyOf(documentTypes);
        }
    }

    /** The request is still unanswered on its reminder day. Happens at most once per request. */
    @StoredAs("document.EvidenceReminderFellDue")
    @Revision("1")
    record EvidenceReminderFellDue(
            CaseId caseId, String requestId, MemberId memberId, List<DocumentType> documentTypes, LocalDate respondBy)
            implements CaseDocumentsEvent {

        public EvidenceReminderFellDue {
            documentTypes = List.copyOf(documentTypes);
        }
    }

    /** The request's deadline passed unanswered. */
    @StoredAs("document.EvidenceRequestLapsed")
    @Revision("1")
    record EvidenceRequestLapsed(
            CaseId caseId, String requestId, MemberId memberId, List<DocumentType> documentTypes, LocalDate respondBy)
            implements CaseDocumentsEvent {

        public EvidenceRequestLapsed {
            documentTypes = List.copyOf(documentTypes);
        }
    }

    /**
     * Every requested document was uploaded after the request: AIMA's own response clock starts.
     *
     * @param aimaRespondBy the last day AIMA should verify the evidence by (policy)
     */
    @StoredAs("document.EvidenceArrived")
    @Revision("1")
    record EvidenceArrived(
            CaseId caseId, String requestId, MemberId memberId, LocalDate receivedOn, LocalDate aimaRespondBy)
            implements CaseDocumentsEvent {}

    /** Every document that answered the request was verified (accepted or rejected). */
    @StoredAs("document.EvidenceReviewed")
    @Revision("1")
    record EvidenceReviewed(CaseId caseId, String requestId) implements CaseDocumentsEvent {}

    /** AIMA had not verified the evidence by its own response date. Happens at most once per request. */
    @StoredAs("document.EvidenceReviewOverdue")
    @Revision("1")
    record EvidenceReviewOverdue(CaseId caseId, String requestId, LocalDate aimaRespondBy)
            implements CaseDocumentsEvent {}
}
