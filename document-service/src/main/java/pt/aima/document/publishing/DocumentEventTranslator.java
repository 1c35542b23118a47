package pt.aima.document.publishing;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsEvent;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentDataErased;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionAccepted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionRejected;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionUploaded;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceArrived;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReminderFellDue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestLapsed;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestMade;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewOverdue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewed;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.document.casedocuments.RequiredItem;
import pt.aima.kernel.document.DocumentAccepted;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.DocumentUploaded;
import pt.aima.kernel.document.EvidenceReceived;
import pt.aima.kernel.document.EvidenceRequestExpired;
import pt.aima.kernel.document.EvidenceRequestReminderDue;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.EvidenceResponseOverdue;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.relay.IntegrationEventTranslator;

/**
 * What document-service publishes: every step of every document, so the applicant can be told what is missing and
 * why a document was rejected. The applicant's account id stays here; the content never leaves, only its digest.
 */
@Component
class DocumentEventTranslator implements IntegrationEventTranslator {

    /** A review that stops AIMA's response clock, and what this service did about an erasure. */
    private static final Set<Class<?>> KEPT_INSIDE = Set.of(EvidenceReviewed.class, DocumentDataErased.class);

    @Override
    public Set<Class<?>> keptInside() {
        return KEPT_INSIDE;
    }

    @Override
    public List<IntegrationEvent> translate(Object internalEvent) {
        if (!(internalEvent instanceof CaseDocumentsEvent event)) {
            return List.of();
        }
        return switch (event) {
            case ChecklistOpened opened ->
                List.of(new DocumentChecklistOpened(
                        opened.caseId(),
                        opened.items().stream()
                                .map(DocumentEventTranslator::required)
                                .toList()));
            case DocumentVersionUploaded uploaded ->
                List.of(new DocumentUploaded(
                        uploaded.caseId(),
                        uploaded.documentId(),
                        uploaded.memberId(),
                        uploaded.documentType().name(),
                        uploaded.sha256(),
                        uploaded.sizeBytes(),
                        uploaded.mediaType()));
            case DocumentVersionAccepted accepted ->
                List.of(new DocumentAccepted(
                        accepted.caseId(),
                        accepted.documentId(),
                        accepted.memberId(),
                        accepted.documentType().name()));
            case DocumentVersionRejected rejected ->
                List.of(new DocumentRejected(
                        rejected.caseId(),
                        rejected.documentId(),
                        rejected.memberId(),
                        rejected.documentType().name(),
                        rejected.reasonCode(),
                        rejected.reason()));
            case ChecklistCompleted completed -> List.of(new DocumentChecklistCompleted(completed.caseId()));
            case EvidenceRequestMade made ->
                List.of(new EvidenceRequested(
                        made.caseId(),
                        made.requestId(),
                        made.memberId(),
                        codes(made.documentTypes()),
                        made.reason(),
                        made.respondBy()));
            case EvidenceReminderFellDue due ->
                List.of(new EvidenceRequestReminderDue(
                        due.caseId(), due.requestId(), due.memberId(), codes(due.documentTypes()), due.respondBy()));
            case EvidenceRequestLapsed lapsed ->
                List.of(new EvidenceRequestExpired(
                        lapsed.caseId(),
                        lapsed.requestId(),
                        lapsed.memberId(),
                        codes(lapsed.documentTypes()),
                        lapsed.respondBy()));
            case EvidenceArrived arrived ->
                List.of(new EvidenceReceived(
                        arrived.caseId(),
                        arrived.requestId(),
                        arrived.memberId(),
                        arrived.receivedOn(),
                        arrived.aimaRespondBy()));
            case EvidenceReviewOverdue overdue ->
                List.of(new EvidenceResponseOverdue(overdue.caseId(), overdue.requestId(), overdue.aimaRespondBy()));
            // internal only: it stops AIMA's response clock inside this service
            case EvidenceReviewed reviewed -> List.of();
            // application-service published the erasure itself; what this service did about it stays here
            case DocumentDataErased erased -> List.of();
        };
    }

    /** The item with its reason's code and facts, so readers word the reason in their own language. */
    private static RequiredDocument required(RequiredItem item) {
        return new RequiredDocument(
                item.memberId(), item.documentType().name(), item.reason(), item.reasonCode(), item.reasonValues());
    }

    private static List<String> codes(List<DocumentType> types) {
        return types.stream().map(DocumentType::name).toList();
    }
}
