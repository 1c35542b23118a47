package pt.aima.document.casedocuments;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.document.casedocuments.CaseDocumentsCommand.AcceptDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.CheckEvidenceDeadlines;
import pt.aima.document.casedocuments.CaseDocumentsCommand.EraseDocumentData;
import pt.aima.document.casedocuments.CaseDocumentsCommand.OpenChecklist;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RejectDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RequestEvidence;
import pt.aima.document.casedocuments.CaseDocumentsCommand.UploadDocument;
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
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.eventstore.StoredAs;

/**
 * The documents of one case: the checklist derived at registration, every uploaded version of every item, the
 * caseworkers' verdicts and the evidence requests. The checklist completes, once, when every item of every member has
 * an accepted document.
 */
@StoredAs("document.CaseDocuments")
@Aggregate(
        snapshotTriggerDefinition = "caseDocumentsSnapshotTrigger",
        cache = "aggregateCache",
        lockFactory = "aggregateLocks")
@Revision("3") // 3: items keyed by ItemKey, evidence requests as entities; Axon ignores snapshots of other revisions
class CaseDocuments {

    enum VersionStatus {
        UPLOADED,
        ACCEPTED,
        REJECTED,
        SUPERSEDED
    }

    /** One uploaded version of an item. */
    record Version(ItemKey item, VersionStatus status) {

        Version withStatus(VersionStatus newStatus) {
            return new Version(item, newStatus);
        }

        boolean verified() {
            return status == VersionStatus.ACCEPTED || status == VersionStatus.REJECTED;
        }
    }

    @AggregateIdentifier
    private CaseId caseId;

    private LocalDate submittedOn;
    /** Every required item of every member, to its current version (null until its first upload). */
    private Map<ItemKey, DocumentId> checklist = new LinkedHashMap<>();
    /** Every uploaded version, by document id. */
    private Map<DocumentId, Version> versions = new LinkedHashMap<>();
    /** Every evidence request, by request id, in the order they were made. */
    private Map<String, EvidenceRequest> evidenceRequests = new LinkedHashMap<>();

    private boolean complete;

    /** The applicant's personal data was erased ({@link DocumentDataErased}). */
    private boolean erased;

    CaseDocuments() {}

    /**
     * Erases the applicant's data once (a redelivery changes nothing); also for a case whose checklist was never
     * opened here, which then never opens.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EraseDocumentData command) {
        if (erased) {
            return;
        }
        apply(new DocumentDataErased(command.caseId(), command.applicantId(), command.legalBasis()));
    }

    /** A registration delivered again under another event id finds the checklist open and changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenChecklist command, ChecklistRules rules) {
        if (caseId != null || erased) {
            return;
        }
        if (command.household().isEmpty()) {
            throw new IllegalArgumentException("an application names at least one family member");
        }
        List<RequiredItem> items =
                rules.requiredDocuments(command.submittedOn(), command.household(), command.addressTitle());
        apply(new ChecklistOpened(
                command.caseId(), command.applicantId(), command.submittedOn(), items, command.preferredLanguage()));
    }

    @CommandHandler
    void handle(UploadDocument command, ChecklistRules rules) {
        if (!namesMember(command.memberId())) {
            throw NotOnChecklist.unknownMember();
        }
        ItemKey item = new ItemKey(command.memberId(), command.documentType());
        if (!checklist.containsKey(item)) {
            throw NotOnChecklist.notRequired(command.documentType());
        }
        if (isAccepted(item)) {
            throw new UploadNotAllowed();
        }
        if (erased) {
            throw UploadNotAllowed.erased();
        }
        apply(new DocumentVersionUploaded(
                caseId,
                command.documentId(),
                command.memberId(),
                command.documentType(),
                command.sha256(),
                command.sizeBytes(),
                command.mediaType(),
                checklist.get(item)));
        for (EvidenceRequest request : evidenceRequests.values()) {
            if (request.completedBy(item)) {
                apply(new EvidenceArrived(
                        caseId,
                        request.requestId(),
                        request.memberId(),
                        command.uploadedOn(),
                        command.uploadedOn().plus(rules.policyFor(submittedOn).aimaEvidenceResponseTime())));
            }
        }
    }

    @CommandHandler
    void handle(AcceptDocument command) {
        Version version = verifiable(command.documentId());
        apply(new DocumentVersionAccepted(
                caseId,
                command.documentId(),
                version.item().memberId(),
                version.item().documentType()));
        if (!complete && checklist.keySet().stream().allMatch(this::isAccepted)) {
            apply(new ChecklistCompleted(caseId));
        }
        reviewAnsweredRequests();
    }

    @CommandHandler
    void handle(RejectDocument command, ChecklistRules rules) {
        if (command.reasonCode() == null
                || command.reasonCode().isBlank()
                || command.reason() == null
                || command.reason().isBlank()) {
            throw new IllegalArgumentException("a rejection states its reason");
        }
        if (erased) {
            throw new NoteNotAllowed();
        }
        RejectionReason code = RejectionReason.fromCode(command.reasonCode())
                .orElseThrow(() -> NotOnChecklist.invalid(
                        "reasonCode",
                        "unknown reason code " + command.reasonCode() + "; use one of "
                                + List.of(RejectionReason.values())));
        Version version = verifiable(command.documentId());
        DocumentType type = version.item().documentType();
        if (!code.appliesTo(type)) {
            throw NotOnChecklist.invalid("reasonCode", code + " does not apply to a " + type + " document");
        }
        // The caseworker's note is stored as written: readers word the code in their own language (an English sentence
        // appended here reached Portuguese applicants inside their Portuguese notice).
        apply(new DocumentVersionRejected(
                caseId, command.documentId(), version.item().memberId(), type, code.name(), command.reason()));
        reviewAnsweredRequests();
    }

    @CommandHandler
    void handle(RequestEvidence command, ChecklistRules rules) {
        if (evidenceRequests.containsKey(command.requestId())) {
            return;
        }
        if (erased) {
            throw new NoteNotAllowed();
        }
        if (command.memberId() != null && !namesMember(command.memberId())) {
            throw NotOnChecklist.unknownMember();
        }
        if (command.documentTypes() == null || command.documentTypes().isEmpty()) {
            throw NotOnChecklist.invalid("documentTypes", "name at least one document type");
        }
        for (DocumentType type : command.documentTypes()) {
            List<ItemKey> items = itemsAskedBy(command.memberId(), List.of(type));
            if (items.isEmpty()) {
                throw NotOnChecklist.invalid("documentTypes", type + " is not on the checklist asked about");
            }
            if (items.stream().allMatch(this::isAccepted)) {
                throw NotOnChecklist.invalid("documentTypes", type + " is already accepted: nothing to ask for");
            }
        }
        if (!command.respondBy().isAfter(command.requestedOn())) {
            throw NotOnChecklist.invalid("respondBy", "must be after today (" + command.requestedOn() + ")");
        }
        LocalDate remindOn =
                command.respondBy().minus(rules.policyFor(submittedOn).evidenceReminderBefore());
        if (remindOn.isBefore(command.requestedOn())) {
            remindOn = command.requestedOn();
        }
        apply(new EvidenceRequestMade(
                caseId,
                command.requestId(),
                command.memberId(),
                List.copyOf(new LinkedHashSet<>(command.documentTypes())),
                command.reason(),
                command.requestedOn(),
                command.respondBy(),
                remindOn));
    }

    /** Idempotent: does only what is due on {@code today} and was not done yet; an unknown request changes nothing. */
    @CommandHandler
    void handle(CheckEvidenceDeadlines command) {
        EvidenceRequest request = evidenceRequests.get(command.requestId());
        if (request != null) {
            request.deadlineDueOn(command.today(), caseId).ifPresent(AggregateLifecycle::apply);
        }
    }

    /** A request whose every answering document is verified is reviewed: AIMA's response clock stops. */
    private void reviewAnsweredRequests() {
        List<String> reviewed = evidenceRequests.values().stream()
                .filter(request -> request.reviewable(id -> versions.get(id).verified()))
                .map(EvidenceRequest::requestId)
                .toList();
        reviewed.forEach(id -> apply(new EvidenceReviewed(caseId, id)));
    }

    private Version verifiable(DocumentId documentId) {
        Version version = versions.get(documentId);
        if (version == null) {
            throw new DocumentNotFound(caseId, documentId);
        }
        return switch (version.status()) {
            case UPLOADED -> version;
            case SUPERSEDED -> throw VerificationNotAllowed.superseded();
            case ACCEPTED, REJECTED -> throw VerificationNotAllowed.alreadyVerified();
        };
    }

    private boolean namesMember(MemberId member) {
        return checklist.keySet().stream().anyMatch(item -> item.memberId().equals(member));
    }

    private boolean isAccepted(ItemKey item) {
        DocumentId current = checklist.get(item);
        return current != null && versions.get(current).status() == VersionStatus.ACCEPTED;
    }

    /** The checklist items a request about {@code member} ({@code null}: the whole case) for {@code types} is about. */
    private List<ItemKey> itemsAskedBy(MemberId member, List<DocumentType> types) {
        return checklist.keySet().stream()
                .filter(item -> item.isAskedBy(member, types))
                .toList();
    }

    @EventSourcingHandler
    void on(DocumentDataErased event) {
        caseId = event.caseId();
        erased = true;
    }

    @EventSourcingHandler
    void on(ChecklistOpened event) {
        caseId = event.caseId();
        submittedOn = event.submittedOn();
        for (RequiredItem item : event.items()) {
            checklist.put(ItemKey.of(item), null);
        }
    }

    @EventSourcingHandler
    void on(DocumentVersionUploaded event) {
        ItemKey item = new ItemKey(event.memberId(), event.documentType());
        if (event.supersedes() != null) {
            versions.put(event.supersedes(), versions.get(event.supersedes()).withStatus(VersionStatus.SUPERSEDED));
        }
        versions.put(event.documentId(), new Version(item, VersionStatus.UPLOADED));
        checklist.put(item, event.documentId());
        evidenceRequests.values().forEach(request -> request.uploaded(item, event.documentId()));
    }

    @EventSourcingHandler
    void on(DocumentVersionAccepted event) {
        versions.put(event.documentId(), versions.get(event.documentId()).withStatus(VersionStatus.ACCEPTED));
    }

    @EventSourcingHandler
    void on(DocumentVersionRejected event) {
        versions.put(event.documentId(), versions.get(event.documentId()).withStatus(VersionStatus.REJECTED));
    }

    @EventSourcingHandler
    void on(ChecklistCompleted event) {
        complete = true;
    }

    /**
     * The request waits for every item it is about whose document was not accepted when it was made: an accepted item
     * takes no new upload.
     */
    @EventSourcingHandler
    void on(EvidenceRequestMade event) {
        List<ItemKey> asked = itemsAskedBy(event.memberId(), event.documentTypes()).stream()
                .filter(item -> !isAccepted(item))
                .toList();
        evidenceRequests.put(
                event.requestId(),
                new EvidenceRequest(
                        event.requestId(),
                        event.memberId(),
                        event.documentTypes(),
                        event.respondBy(),
                        event.remindOn(),
                        asked));
    }

    @EventSourcingHandler
    void on(EvidenceReminderFellDue event) {
        evidenceRequests.get(event.requestId()).reminded();
    }

    @EventSourcingHandler
    void on(EvidenceRequestLapsed event) {
        evidenceRequests.get(event.requestId()).lapsed();
    }

    @EventSourcingHandler
    void on(EvidenceArrived event) {
        evidenceRequests.get(event.requestId()).arrived(event.aimaRespondBy());
    }

    @EventSourcingHandler
    void on(EvidenceReviewed event) {
        evidenceRequests.get(event.requestId()).reviewed();
    }

    @EventSourcingHandler
    void on(EvidenceReviewOverdue event) {
        evidenceRequests.get(event.requestId()).reviewOverdue();
    }
}
