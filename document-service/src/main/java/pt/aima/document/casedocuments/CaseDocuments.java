package pt.aima.document.casedocuments;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.document.casedocuments.CaseDocumentsCommand.AcceptDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.CheckEvidenceDeadlines;
import pt.aima.document.casedocuments.CaseDocumentsCommand.OpenChecklist;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RejectDocument;
import pt.aima.document.casedocuments.CaseDocumentsCommand.RequestEvidence;
import pt.aima.document.casedocuments.CaseDocumentsCommand.UploadDocument;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
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
 * The documents of one case: the checklist derived at registration, every uploaded version of every item, and the
 * caseworkers' verdicts. The checklist completes, once, when every item of every member has an accepted document.
 */
@StoredAs("document.CaseDocuments")
@Aggregate(snapshotTriggerDefinition = "caseDocumentsSnapshotTrigger")
@Revision("2") // 2: registration date and evidence requests in the state; Axon ignores snapshots of other revisions
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

    enum RequestStatus {
        OPEN,
        ANSWERED,
        EXPIRED,
        REVIEWED
    }

    /** One evidence request and where it stands (plain fields: snapshots serialise it). */
    static final class EvidenceRequest {
        MemberId memberId;
        List<DocumentType> documentTypes;
        LocalDate respondBy;
        LocalDate remindOn;
        RequestStatus status = RequestStatus.OPEN;
        boolean reminded;
        boolean overdue;
        LocalDate aimaRespondBy;
        /** Item key to the document id uploaded for it since the request. */
        Map<String, String> answers = new LinkedHashMap<>();

        EvidenceRequest() {}

        EvidenceRequest(MemberId memberId, List<DocumentType> documentTypes, LocalDate respondBy, LocalDate remindOn) {
            this.memberId = memberId;
            this.documentTypes = documentTypes;
            this.respondBy = respondBy;
            this.remindOn = remindOn;
        }

        /** Whether an upload for this member and type answers (part of) this request. */
        boolean asksFor(MemberId member, DocumentType type) {
            return documentTypes.contains(type) && (memberId == null || memberId.equals(member));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EvidenceRequest that
                    && Objects.equals(memberId, that.memberId)
                    && Objects.equals(documentTypes, that.documentTypes)
                    && Objects.equals(respondBy, that.respondBy)
                    && Objects.equals(remindOn, that.remindOn)
                    && status == that.status
                    && reminded == that.reminded
                    && overdue == that.overdue
                    && Objects.equals(aimaRespondBy, that.aimaRespondBy)
                    && Objects.equals(answers, that.answers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(memberId, documentTypes, respondBy, status);
        }

        boolean fullyAnswered() {
            return documentTypes.stream()
                    .allMatch(type -> answers.keySet().stream().anyMatch(key -> key.endsWith("/" + type.name())));
        }
    }

    @AggregateIdentifier
    private CaseId caseId;

    private LocalDate submittedOn;
    private Map<String, EvidenceRequest> evidenceRequests = new LinkedHashMap<>();

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
        List<RequiredItem> items =
                rules.requiredDocuments(command.submittedOn(), command.household(), command.addressTitle());
        apply(new ChecklistOpened(command.caseId(), command.applicantId(), command.submittedOn(), items));
    }

    @CommandHandler
    void handle(UploadDocument command, ChecklistRules rules) {
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
        for (var entry : evidenceRequests.entrySet()) {
            EvidenceRequest request = entry.getValue();
            if (request.status == RequestStatus.OPEN
                    && request.asksFor(command.memberId(), command.documentType())
                    && request.fullyAnswered()) {
                apply(new EvidenceArrived(
                        caseId,
                        entry.getKey(),
                        request.memberId,
                        command.uploadedOn(),
                        command.uploadedOn().plus(rules.policyFor(submittedOn).aimaEvidenceResponseTime())));
            }
        }
    }

    @CommandHandler
    void handle(AcceptDocument command) {
        Version version = verifiable(command.documentId());
        apply(new DocumentVersionAccepted(caseId, command.documentId(), version.memberId(), version.documentType()));
        if (!complete && everyItemAccepted()) {
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
        RejectionReason code = RejectionReason.fromCode(command.reasonCode())
                .orElseThrow(() -> NotOnChecklist.invalid(
                        "reasonCode",
                        "unknown reason code " + command.reasonCode() + "; use one of "
                                + List.of(RejectionReason.values())));
        Version version = verifiable(command.documentId());
        if (!code.appliesTo(version.documentType())) {
            throw NotOnChecklist.invalid(
                    "reasonCode", code + " does not apply to a " + version.documentType() + " document");
        }
        String reason = command.reason();
        if (code == RejectionReason.OUTDATED_MODEL_4) {
            reason += " (the Model 4 version in force for this case is "
                    + rules.policyFor(submittedOn).model4Version() + ")";
        }
        apply(new DocumentVersionRejected(
                caseId, command.documentId(), version.memberId(), version.documentType(), code.name(), reason));
        reviewAnsweredRequests();
    }

    @CommandHandler
    void handle(RequestEvidence command, ChecklistRules rules) {
        if (evidenceRequests.containsKey(command.requestId())) {
            return;
        }
        if (command.memberId() != null && !members.contains(command.memberId().toString())) {
            throw NotOnChecklist.unknownMember();
        }
        if (command.documentTypes() == null || command.documentTypes().isEmpty()) {
            throw NotOnChecklist.invalid("documentTypes", "name at least one document type");
        }
        for (DocumentType type : command.documentTypes()) {
            boolean onChecklist = currentVersions.keySet().stream()
                    .anyMatch(key -> key.endsWith("/" + type.name())
                            && (command.memberId() == null || key.startsWith(command.memberId() + "/")));
            if (!onChecklist) {
                throw NotOnChecklist.invalid("documentTypes", type + " is not on the checklist asked about");
            }
            boolean allAccepted = currentVersions.entrySet().stream()
                    .filter(entry -> entry.getKey().endsWith("/" + type.name())
                            && (command.memberId() == null || entry.getKey().startsWith(command.memberId() + "/")))
                    .allMatch(entry -> entry.getValue() != null
                            && versions.get(entry.getValue()).status() == VersionStatus.ACCEPTED);
            if (allAccepted) {
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
                List.copyOf(new java.util.LinkedHashSet<>(command.documentTypes())),
                command.reason(),
                command.requestedOn(),
                command.respondBy(),
                remindOn));
    }

    /** Idempotent: does only what is due on {@code today} and was not done yet; an unknown request changes nothing. */
    @CommandHandler
    void handle(CheckEvidenceDeadlines command) {
        EvidenceRequest request = evidenceRequests.get(command.requestId());
        if (request == null) {
            return;
        }
        LocalDate today = command.today();
        if (request.status == RequestStatus.OPEN && today.isAfter(request.respondBy)) {
            apply(new EvidenceRequestLapsed(
                    caseId, command.requestId(), request.memberId, request.documentTypes, request.respondBy));
        } else if (request.status == RequestStatus.OPEN && !request.reminded && !today.isBefore(request.remindOn)) {
            apply(new EvidenceReminderFellDue(
                    caseId, command.requestId(), request.memberId, request.documentTypes, request.respondBy));
        } else if (request.status == RequestStatus.ANSWERED
                && !request.overdue
                && today.isAfter(request.aimaRespondBy)) {
            apply(new EvidenceReviewOverdue(caseId, command.requestId(), request.aimaRespondBy));
        }
    }

    /** A request whose every answering document is verified is reviewed: AIMA's response clock stops. */
    private void reviewAnsweredRequests() {
        List<String> reviewed = new ArrayList<>();
        for (var entry : evidenceRequests.entrySet()) {
            EvidenceRequest request = entry.getValue();
            if (request.status == RequestStatus.ANSWERED
                    && request.answers.values().stream().allMatch(id -> {
                        VersionStatus status = versions.get(id).status();
                        return status == VersionStatus.ACCEPTED || status == VersionStatus.REJECTED;
                    })) {
                reviewed.add(entry.getKey());
            }
        }
        reviewed.forEach(id -> apply(new EvidenceReviewed(caseId, id)));
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
        submittedOn = event.submittedOn();
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
        for (EvidenceRequest request : evidenceRequests.values()) {
            if (request.status == RequestStatus.OPEN && request.asksFor(event.memberId(), event.documentType())) {
                request.answers.put(
                        itemKey(event.memberId(), event.documentType()),
                        event.documentId().toString());
            }
        }
    }

    @EventSourcingHandler
    void on(EvidenceRequestMade event) {
        evidenceRequests.put(
                event.requestId(),
                new EvidenceRequest(event.memberId(), event.documentTypes(), event.respondBy(), event.remindOn()));
    }

    @EventSourcingHandler
    void on(EvidenceReminderFellDue event) {
        evidenceRequests.get(event.requestId()).reminded = true;
    }

    @EventSourcingHandler
    void on(EvidenceRequestLapsed event) {
        evidenceRequests.get(event.requestId()).status = RequestStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(EvidenceArrived event) {
        EvidenceRequest request = evidenceRequests.get(event.requestId());
        request.status = RequestStatus.ANSWERED;
        request.aimaRespondBy = event.aimaRespondBy();
    }

    @EventSourcingHandler
    void on(EvidenceReviewed event) {
        evidenceRequests.get(event.requestId()).status = RequestStatus.REVIEWED;
    }

    @EventSourcingHandler
    void on(EvidenceReviewOverdue event) {
        evidenceRequests.get(event.requestId()).overdue = true;
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
