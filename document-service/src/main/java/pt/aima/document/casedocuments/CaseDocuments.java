package pt.aima.document.casedocuments;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.document.casedocuments.CaseDocumentsCommand.AcceptDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.OpenChecklist;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RejectDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.UploadDocument;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionAccepted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionRejected;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionUploaded;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/**
 * The documents of one case: the checklist derived at registration, every uploaded version of every item, and the
 * caseworkers' verdicts. The checklist completes, once, when every item of every member has an accepted document.
 */
@Aggregate(snapshotTriggerDefinition = "caseDocumentsSnapshotTrigger")
class CaseDocuments {

    enum VersionStatus {
        UPLOADED,
        ACCEPTED,
        REJECTED,
        SUPERSEDED
    }

    /** One uploaded version of an item. */
    record Version(MemberId memberId, DocumentType documentType, VersionStatus status) {

        Version withStatus(VersionStatus newStatus) {
            return new Version(memberId, documentType, newStatus);
        }
    }

    @AggregateIdentifier
    private CaseId caseId;

    private Set<String> members = new HashSet<>();
    /** Item key (member and type) of every required item, to its current version's document id (or null). */
    private Map<String, String> currentVersions = new HashMap<>();
    /** Every uploaded version, by document id. */
    private Map<String, Version> versions = new HashMap<>();

    private boolean complete;

    CaseDocuments() {}

    /** A registration delivered again under another event id finds the checklist open and changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenChecklist command, ChecklistRules rules) {
        if (caseId != null) {
            return;
        }
        if (command.household().isEmpty()) {
            throw new IllegalArgumentException("an application names at least one family member");
        }
        List<RequiredItem> items = rules.requiredDocuments(command.submittedOn(), command.household());
        apply(new ChecklistOpened(command.caseId(), command.applicantId(), command.submittedOn(), items));
    }

    @CommandHandler
    void handle(UploadDocument command) {
        if (!members.contains(command.memberId().toString())) {
            throw NotOnChecklist.unknownMember();
        }
        String item = itemKey(command.memberId(), command.documentType());
        if (!currentVersions.containsKey(item)) {
            throw NotOnChecklist.notRequired(command.documentType());
        }
        String current = currentVersions.get(item);
        if (current != null && versions.get(current).status() == VersionStatus.ACCEPTED) {
            throw new UploadNotAllowed();
        }
        apply(new DocumentVersionUploaded(
                caseId,
                command.documentId(),
                command.memberId(),
                command.documentType(),
                command.sha256(),
                command.sizeBytes(),
                command.mediaType(),
                current == null ? null : DocumentId.of(current)));
    }

    @CommandHandler
    void handle(AcceptDocument command) {
        Version version = verifiable(command.documentId());
        apply(new DocumentVersionAccepted(caseId, command.documentId(), version.memberId(), version.documentType()));
        if (!complete && everyItemAccepted()) {
            apply(new ChecklistCompleted(caseId));
        }
    }

    @CommandHandler
    void handle(RejectDocument command) {
        if (command.reasonCode() == null
                || command.reasonCode().isBlank()
                || command.reason() == null
                || command.reason().isBlank()) {
            throw new IllegalArgumentException("a rejection states its reason");
        }
        Version version = verifiable(command.documentId());
        apply(new DocumentVersionRejected(
                caseId,
                command.documentId(),
                version.memberId(),
                version.documentType(),
                command.reasonCode(),
                command.reason()));
    }

    private Version verifiable(DocumentId documentId) {
        Version version = versions.get(documentId.toString());
        if (version == null) {
            throw new DocumentNotFound(caseId, documentId);
        }
        return switch (version.status()) {
            case UPLOADED -> version;
            case SUPERSEDED -> throw VerificationNotAllowed.superseded();
            case ACCEPTED, REJECTED -> throw VerificationNotAllowed.alreadyVerified();
        };
    }

    private boolean everyItemAccepted() {
        return currentVersions.values().stream()
                .allMatch(current -> current != null && versions.get(current).status() == VersionStatus.ACCEPTED);
    }

    @EventSourcingHandler
    void on(ChecklistOpened event) {
        caseId = event.caseId();
        for (RequiredItem item : event.items()) {
            members.add(item.memberId().toString());
            currentVersions.put(itemKey(item.memberId(), item.documentType()), null);
        }
    }

    @EventSourcingHandler
    void on(DocumentVersionUploaded event) {
        if (event.supersedes() != null) {
            String previous = event.supersedes().toString();
            versions.put(previous, versions.get(previous).withStatus(VersionStatus.SUPERSEDED));
        }
        versions.put(
                event.documentId().toString(),
                new Version(event.memberId(), event.documentType(), VersionStatus.UPLOADED));
        currentVersions.put(
                itemKey(event.memberId(), event.documentType()),
                event.documentId().toString());
    }

    @EventSourcingHandler
    void on(DocumentVersionAccepted event) {
        String id = event.documentId().toString();
        versions.put(id, versions.get(id).withStatus(VersionStatus.ACCEPTED));
    }

    @EventSourcingHandler
    void on(DocumentVersionRejected event) {
        String id = event.documentId().toString();
        versions.put(id, versions.get(id).withStatus(VersionStatus.REJECTED));
    }

    @EventSourcingHandler
    void on(ChecklistCompleted event) {
        complete = true;
    }

    private static String itemKey(MemberId memberId, DocumentType type) {
        return memberId + "/" + type.name();
    }
}
