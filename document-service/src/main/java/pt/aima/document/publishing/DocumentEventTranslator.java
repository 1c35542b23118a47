package pt.aima.document.publishing;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsEvent;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionAccepted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionRejected;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionUploaded;
import pt.aima.kernel.document.DocumentAccepted;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.DocumentUploaded;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.relay.IntegrationEventTranslator;

/**
 * What document-service publishes: every step of every document, so the applicant can be told what is missing and
 * why a document was rejected. The applicant's account id stays here; the content never leaves, only its digest.
 */
@Component
class DocumentEventTranslator implements IntegrationEventTranslator {

    @Override
    public List<IntegrationEvent> translate(Object internalEvent) {
        if (!(internalEvent instanceof CaseDocumentsEvent event)) {
            return List.of();
        }
        return List.of(
                switch (event) {
                    case ChecklistOpened opened ->
                        new DocumentChecklistOpened(
                                opened.caseId(),
                                opened.items().stream()
                                        .map(item -> new RequiredDocument(
                                                item.memberId(),
                                                item.documentType().name(),
                                                item.reason()))
                                        .toList());
                    case DocumentVersionUploaded uploaded ->
                        new DocumentUploaded(
                                uploaded.caseId(),
                                uploaded.documentId(),
                                uploaded.memberId(),
                                uploaded.documentType().name(),
                                uploaded.sha256(),
                                uploaded.sizeBytes(),
                                uploaded.mediaType());
                    case DocumentVersionAccepted accepted ->
                        new DocumentAccepted(
                                accepted.caseId(),
                                accepted.documentId(),
                                accepted.memberId(),
                                accepted.documentType().name());
                    case DocumentVersionRejected rejected ->
                        new DocumentRejected(
                                rejected.caseId(),
                                rejected.documentId(),
                                rejected.memberId(),
                                rejected.documentType().name(),
                                rejected.reasonCode(),
                                rejected.reason());
                    case ChecklistCompleted completed -> new DocumentChecklistCompleted(completed.caseId());
                });
    }
}
