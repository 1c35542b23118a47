package pt.aima.kernel.document;

import pt.aima.kernel.envelope.IntegrationEvent;

/** What document-service publishes on {@link pt.aima.kernel.Topics#DOCUMENT_EVENTS}. */
public sealed interface DocumentEvent extends IntegrationEvent
        permits DocumentChecklistOpened,
                DocumentUploaded,
                DocumentAccepted,
                DocumentRejected,
                DocumentChecklistCompleted,
                EvidenceRequested,
                EvidenceRequestReminderDue,
                EvidenceRequestExpired,
                EvidenceReceived,
                EvidenceResponseOverdue {}
