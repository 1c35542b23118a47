package pt.aima.operations.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.LegacyProvenance;
import pt.aima.kernel.application.MemberStayUpdated;
import pt.aima.kernel.application.Region;
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
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.kernel.scheduling.CourtOrderDeadlineAtRisk;
import pt.aima.kernel.scheduling.CourtOrderRegistered;
import pt.aima.kernel.scheduling.DeskCapacityChanged;
import pt.aima.operations.archive.ArchivedEvent;
import pt.aima.operations.archive.CaseHistory;

/**
 * What operations know of one case: the fold of its whole archived history, in logical order. Recomputed from the
 * history each time an event of the case arrives, so it never depends on the order in which the topics delivered the
 * events; events that arrived before the registration are kept in the archive and count as soon as it arrives.
 *
 * <p>Facts are taken as the services published them. Where two events could disagree, the fold says which wins: the
 * first registration and the first decision; the latest appointment; a document leaves the waiting list when it is
 * accepted or rejected; a failed notification leaves the failed list when the same notification is sent.
 */
public final class CaseFile {

    /** One household member, with the end of their current lawful stay when it is known. */
    public record Member(UUID memberId, String relationship, LocalDate stayEndsOn) {}

    /** How the case came in: an imported case names its SEF number and the partner that recovered it. */
    public record Registration(
            String applicantId,
            LocalDate submittedOn,
            Instant registeredAt,
            String region,
            Origin origin,
            String legacyNumber,
            String partnerType,
            String partnerName,
            List<Member> members) {

        /** The relationship of the member the application names first (a case counts once, under it). */
        public String relationship() {
            return members.isEmpty() ? "NONE" : members.getFirst().relationship();
        }
    }

    /** An uploaded copy not yet accepted or rejected. */
    public record WaitingDocument(UUID documentId, UUID memberId, String documentType, Instant uploadedAt) {}

    /**
     * An evidence request: waiting for the applicant until received, then for AIMA's verification of what was asked.
     *
     * @param memberId null for a request about the whole case
     */
    public record EvidenceRequest(
            String requestId,
            UUID memberId,
            List<String> documentTypes,
            Instant requestedAt,
            LocalDate respondBy,
            boolean expired,
            LocalDate receivedOn,
            LocalDate aimaRespondBy,
            boolean aimaOverdueReported,
            boolean aimaResponded) {

        public boolean awaitingApplicant() {
            return receivedOn == null;
        }

        public boolean awaitingAima() {
            return receivedOn != null && !aimaResponded;
        }
    }

    public record Appointment(String deskId, LocalDateTime startsAt) {}

    /** The last appointment, missed, with nothing booked since. */
    public record MissedAppointment(String deskId, LocalDateTime startsAt, String next, Instant missedAt) {}

    public record CourtOrder(
            String reference,
            LocalDate deadline,
            Instant registeredAt,
            boolean atRisk,
            String riskReasonCode,
            LocalDate earliestPossibleOn) {}

    public record FailedDelivery(
            UUID notificationId, String kind, String channel, String reasonCode, String reason, Instant failedAt) {}

    private final UUID caseId;
    private Registration registration;
    private Integer requiredDocuments;
    private Instant checklistOpenedAt;
    private Instant checklistCompletedAt;
    private Appointment appointment;
    private Instant biometricsCollectedAt;
    private DecisionIssued.Outcome decision;
    private Instant decidedAt;
    private MissedAppointment missedAppointment;
    private final Map<UUID, WaitingDocument> waitingDocuments = new LinkedHashMap<>();
    private final Map<String, EvidenceRequest> evidenceRequests = new LinkedHashMap<>();
    private final Map<String, Set<String>> evidenceAwaitingVerification = new LinkedHashMap<>();
    private final Map<String, CourtOrder> courtOrders = new LinkedHashMap<>();
    private final Map<UUID, FailedDelivery> failedDeliveries = new LinkedHashMap<>();
    /** The latest end of stay staff recorded for each member (MemberStayUpdated), over the registration's. */
    private final Map<UUID, LocalDate> stayUpdates = new LinkedHashMap<>();

    private int eventCount;
    private Instant lastEventAt;

    private CaseFile(UUID caseId) {
        this.caseId = caseId;
    }

    /** The case as its whole history tells it. */
    public static CaseFile fold(CaseHistory history) {
        CaseFile file = new CaseFile(history.caseId());
        for (ArchivedEvent event : history.events()) {
            file.apply(event.payload(), event.occurredAt());
            file.eventCount++;
            file.lastEventAt = event.occurredAt();
        }
        return file;
    }

    private void apply(IntegrationEvent event, Instant at) {
        switch (event) {
            case ApplicationRegistered registered -> register(registered, at);
            case ApplicationRegisteredV2 registered -> register(registered, at);
            case MemberStayUpdated updated -> stayUpdated(updated.memberId().value(), updated.stayEndsOn());
            case DecisionIssued decided -> {
                if (decision == null) {
                    decision = decided.outcome();
                    decidedAt = at;
                }
            }
            case DocumentChecklistOpened opened -> {
                if (checklistOpenedAt == null) {
                    checklistOpenedAt = at;
                }
                requiredDocuments = opened.items().size();
            }
            case DocumentUploaded uploaded ->
                waitingDocuments.put(
                        uploaded.documentId().value(),
                        new WaitingDocument(
                                uploaded.documentId().value(),
                                uploaded.memberId().value(),
                                uploaded.documentType(),
                                at));
            case DocumentAccepted accepted ->
                verified(accepted.documentId().value(), accepted.memberId(), accepted.documentType());
            case DocumentRejected rejected ->
                verified(rejected.documentId().value(), rejected.memberId(), rejected.documentType());
            case DocumentChecklistCompleted ignored -> {
                if (checklistCompletedAt == null) {
                    checklistCompletedAt = at;
                }
            }
            case EvidenceRequested requested ->
                evidenceRequests.put(
                        requested.requestId(),
                        new EvidenceRequest(
                                requested.requestId(),
                                member(requested.memberId()),
                                requested.documentTypes(),
                                at,
                                requested.respondBy(),
                                false,
                                null,
                                null,
                                false,
                                false));
            case EvidenceRequestReminderDue ignored -> {}
            case EvidenceRequestExpired expired ->
                evidenceRequests.computeIfPresent(
                        expired.requestId(),
                        (id, r) -> new EvidenceRequest(
                                id,
                                r.memberId(),
                                r.documentTypes(),
                                r.requestedAt(),
                                r.respondBy(),
                                true,
                                r.receivedOn(),
                                r.aimaRespondBy(),
                                r.aimaOverdueReported(),
                                r.aimaResponded()));
            case EvidenceReceived received -> {
                EvidenceRequest r = evidenceRequests.get(received.requestId());
                if (r != null) {
                    evidenceRequests.put(
                            r.requestId(),
                            new EvidenceRequest(
                                    r.requestId(),
                                    r.memberId(),
                                    r.documentTypes(),
                                    r.requestedAt(),
                                    r.respondBy(),
                                    r.expired(),
                                    received.receivedOn(),
                                    received.aimaRespondBy(),
                                    r.aimaOverdueReported(),
                                    r.documentTypes().isEmpty()));
                    evidenceAwaitingVerification.put(r.requestId(), new LinkedHashSet<>(r.documentTypes()));
                }
            }
            case EvidenceResponseOverdue overdue ->
                evidenceRequests.computeIfPresent(
                        overdue.requestId(),
                        (id, r) -> new EvidenceRequest(
                                id,
                                r.memberId(),
                                r.documentTypes(),
                                r.requestedAt(),
                                r.respondBy(),
                                r.expired(),
                                r.receivedOn(),
                                r.aimaRespondBy() == null ? overdue.aimaRespondBy() : r.aimaRespondBy(),
                                true,
                                r.aimaResponded()));
            case BiometricSlotAssigned assigned -> {
                appointment = new Appointment(assigned.deskId(), assigned.startsAt());
                missedAppointment = null;
            }
            case BiometricAppointmentRescheduled rescheduled -> {
                appointment = new Appointment(rescheduled.deskId(), rescheduled.startsAt());
                missedAppointment = null;
            }
            case BiometricAppointmentMissed missed ->
                missedAppointment = new MissedAppointment(
                        missed.deskId(), missed.startsAt(), missed.next().name(), at);
            case BiometricsCollected ignored -> {
                if (biometricsCollectedAt == null) {
                    biometricsCollectedAt = at;
                }
                missedAppointment = null;
            }
            case CourtOrderRegistered order ->
                courtOrders.merge(
                        order.reference(),
                        new CourtOrder(order.reference(), order.deadline(), at, false, null, null),
                        (known, fresh) -> new CourtOrder(
                                known.reference(),
                                fresh.deadline(),
                                fresh.registeredAt(),
                                known.atRisk(),
                                known.riskReasonCode(),
                                known.earliestPossibleOn()));
            case CourtOrderDeadlineAtRisk risk -> {
                CourtOrder known = courtOrders.get(risk.reference());
                courtOrders.put(
                        risk.reference(),
                        new CourtOrder(
                                risk.reference(),
                                known == null ? risk.deadline() : known.deadline(),
                                known == null ? at : known.registeredAt(),
                                true,
                                risk.reasonCode(),
                                risk.earliestPossibleOn()));
            }
            case NotificationFailed failed ->
                failedDeliveries.put(
                        failed.notificationId().value(),
                        new FailedDelivery(
                                failed.notificationId().value(),
                                failed.kind(),
                                failed.channel(),
                                failed.reasonCode(),
                                failed.reason(),
                                at));
            case NotificationSent sent ->
                failedDeliveries.remove(sent.notificationId().value());
            // not case facts: a desk's capacity (archived for the read models about desks); the contact is never
            // consumed here
            case DeskCapacityChanged ignored -> {}
            case ApplicantContactRegistered ignored -> {}
            default -> {}
        }
    }

    private void register(ApplicationRegistered registered, Instant at) {
        register(
                registered.applicantId(),
                registered.submittedOn(),
                registered.regionOrDefault(),
                registered.provenance(),
                registered.household().stream()
                        .map(m -> new ApplicationRegisteredV2.Member(
                                m.memberId(), m.relationship(), m.presentInPortugal(), m.stayEndsOn()))
                        .toList(),
                at);
    }

    private void register(ApplicationRegisteredV2 registered, Instant at) {
        register(
                registered.applicantId(),
                registered.submittedOn(),
                registered.regionOrDefault(),
                registered.provenance(),
                registered.household(),
                at);
    }

    /** The registration as version 2 tells it: version 1 told more, of which operations use nothing. */
    private void register(
            String applicantId,
            LocalDate submittedOn,
            Region region,
            LegacyProvenance provenance,
            List<ApplicationRegisteredV2.Member> household,
            Instant at) {
        if (registration != null) {
            return;
        }
        List<Member> members = new ArrayList<>();
        for (ApplicationRegisteredV2.Member member : household) {
            UUID memberId = member.memberId().value();
            members.add(new Member(
                    memberId, member.relationship().name(), stayUpdates.getOrDefault(memberId, member.stayEndsOn())));
        }
        registration = new Registration(
                applicantId,
                submittedOn,
                at,
                region.name(),
                provenance == null ? Origin.PORTAL : Origin.SEF_IMPORT,
                provenance == null ? null : provenance.legacyNumber(),
                provenance == null ? null : provenance.partnerType(),
                provenance == null ? null : provenance.partnerName(),
                List.copyOf(members));
    }

    /**
     * Staff recorded a new end of the member's stay: it replaces the registration's (and any earlier update's), also
     * when, in logical order, it comes before the registration. A member the registration does not name is ignored.
     */
    private void stayUpdated(UUID memberId, LocalDate stayEndsOn) {
        stayUpdates.put(memberId, stayEndsOn);
        if (registration == null) {
            return;
        }
        List<Member> members = new ArrayList<>();
        for (Member member : registration.members()) {
            members.add(
                    member.memberId().equals(memberId)
                            ? new Member(memberId, member.relationship(), stayEndsOn)
                            : member);
        }
        registration = new Registration(
                registration.applicantId(),
                registration.submittedOn(),
                registration.registeredAt(),
                registration.region(),
                registration.origin(),
                registration.legacyNumber(),
                registration.partnerType(),
                registration.partnerName(),
                List.copyOf(members));
    }

    /**
     * A copy was accepted or rejected: it no longer waits, and a received evidence request asking for its type (for
     * its member, or for the whole case) is answered for that type.
     */
    private void verified(UUID documentId, MemberId memberId, String documentType) {
        waitingDocuments.remove(documentId);
        for (Map.Entry<String, Set<String>> awaiting : evidenceAwaitingVerification.entrySet()) {
            EvidenceRequest r = evidenceRequests.get(awaiting.getKey());
            if (r == null || r.aimaResponded()) {
                continue;
            }
            boolean sameMember = r.memberId() == null || r.memberId().equals(member(memberId));
            if (sameMember
                    && awaiting.getValue().remove(documentType)
                    && awaiting.getValue().isEmpty()) {
                evidenceRequests.put(
                        r.requestId(),
                        new EvidenceRequest(
                                r.requestId(),
                                r.memberId(),
                                r.documentTypes(),
                                r.requestedAt(),
                                r.respondBy(),
                                r.expired(),
                                r.receivedOn(),
                                r.aimaRespondBy(),
                                r.aimaOverdueReported(),
                                true));
            }
        }
    }

    private static UUID member(MemberId memberId) {
        return memberId == null ? null : memberId.value();
    }

    public UUID caseId() {
        return caseId;
    }

    /** Whether the registration has arrived: until then the case's other events wait in the archive. */
    public boolean registered() {
        return registration != null;
    }

    /** The registration; only when {@link #registered()}. */
    public Registration registration() {
        if (registration == null) {
            throw new IllegalStateException("case " + caseId + " is not registered yet");
        }
        return registration;
    }

    public Stage stage() {
        if (decision != null) {
            return decision == DecisionIssued.Outcome.GRANTED ? Stage.GRANTED : Stage.REFUSED;
        }
        if (biometricsCollectedAt != null) {
            return Stage.BIOMETRICS_COLLECTED;
        }
        if (appointment != null) {
            return Stage.BIOMETRICS_SCHEDULED;
        }
        if (checklistCompletedAt != null) {
            return Stage.DOCUMENTS_COMPLETE;
        }
        if (requiredDocuments != null) {
            return Stage.DOCUMENTS_REQUIRED;
        }
        return Stage.REGISTERED;
    }

    public boolean decided() {
        return decision != null;
    }

    public Integer requiredDocuments() {
        return requiredDocuments;
    }

    public Instant checklistOpenedAt() {
        return checklistOpenedAt;
    }

    public Instant checklistCompletedAt() {
        return checklistCompletedAt;
    }

    public Appointment appointment() {
        return appointment;
    }

    public Instant biometricsCollectedAt() {
        return biometricsCollectedAt;
    }

    public DecisionIssued.Outcome decision() {
        return decision;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public MissedAppointment missedAppointment() {
        return missedAppointment;
    }

    public Collection<WaitingDocument> waitingDocuments() {
        return List.copyOf(waitingDocuments.values());
    }

    public Collection<EvidenceRequest> evidenceRequests() {
        return List.copyOf(evidenceRequests.values());
    }

    public Collection<CourtOrder> courtOrders() {
        return List.copyOf(courtOrders.values());
    }

    public Collection<FailedDelivery> failedDeliveries() {
        return List.copyOf(failedDeliveries.values());
    }

    /** How many archived events the fold read. */
    public int eventCount() {
        return eventCount;
    }

    /** When the latest of them happened (null for an empty history). */
    public Instant lastEventAt() {
        return lastEventAt;
    }
}
