package pt.aima.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.LegacyProvenance;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.document.DocumentAccepted;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentUploaded;
import pt.aima.kernel.document.EvidenceReceived;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.EvidenceResponseOverdue;
import pt.aima.kernel.document.RequiredDocument;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.kernel.scheduling.CourtOrderDeadlineAtRisk;
import pt.aima.kernel.scheduling.CourtOrderRegistered;

/**
 * Scripted cross-service histories of one case, as the four publishing services would publish them, with fixed
 * instants and ids derived from the case id: the same script for the same case always gives the same events, so
 * applying it in another order (or twice) must give the same read models.
 */
public final class ScriptedHistory {

    /** One published event and the topic it travels on. */
    public record Published(String topic, EventEnvelope<IntegrationEvent> envelope) {}

    private final CaseId caseId;
    private final Instant start;
    private final String correlationId;
    private final List<Published> events = new ArrayList<>();

    private ScriptedHistory(CaseId caseId, Instant start, String correlationId) {
        this.caseId = caseId;
        this.start = start;
        this.correlationId = correlationId;
    }

    public List<Published> events() {
        return List.copyOf(events);
    }

    public CaseId caseId() {
        return caseId;
    }

    /** A deterministic id of this case's script ({@code label} names what it identifies). */
    public UUID id(String label) {
        return UUID.nameUUIDFromBytes((caseId + ":" + label).getBytes(StandardCharsets.UTF_8));
    }

    public MemberId spouse() {
        return new MemberId(id("member:spouse"));
    }

    public MemberId child() {
        return new MemberId(id("member:child"));
    }

    private ScriptedHistory add(String topic, Duration after, String label, IntegrationEvent event) {
        events.add(new Published(
                topic,
                EventEnvelope.wrap(
                        id("event:" + label),
                        start.plus(after),
                        Actor.system("scripted"),
                        correlationId,
                        "scripted:" + label,
                        event)));
        return this;
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /**
     * A case recovered from the SEF backlog that has gone wrong in every way a queue watches for. As of {@code today}
     * (the script starts ten days before it):
     *
     * <ul>
     *   <li>stage BIOMETRICS_SCHEDULED (an appointment was booked, then missed; the checklist is not complete);
     *   <li>documents awaiting verification: the child's birth certificate (uploaded 2 h after the start), then the
     *       spouse's means of subsistence (1 day after); the spouse's passport was accepted;
     *   <li>evidence overdue: request R1 (child, respond by today − 2, never answered);
     *   <li>AIMA's response overdue: request R2 (spouse, received, AIMA to respond by today − 3, reported overdue);
     *   <li>missed appointment: at desk PORTO-1 on today − 3 at 10:00, flagged to a caseworker;
     *   <li>court order PROC-1: deadline today + 20, at risk (earliest possible today + 40);
     *   <li>failed delivery: notification N1 (APPOINTMENT by EMAIL, NO_CONTACT_DATA); N2 failed then was sent.
     * </ul>
     */
    public static ScriptedHistory troubledImport(
            CaseId caseId,
            LocalDate today,
            Instant start,
            String correlationId,
            String legacyNumber,
            String partnerName,
            LocalDate submittedOn) {
        ScriptedHistory h = new ScriptedHistory(caseId, start, correlationId);
        MemberId spouse = h.spouse();
        MemberId child = h.child();
        h.add(
                Topics.APPLICATION_EVENTS,
                minutes(0),
                "registered",
                new ApplicationRegistered(
                        caseId,
                        "applicant-" + legacyNumber,
                        submittedOn,
                        List.of(
                                new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1985, 2, 1), false),
                                new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2015, 5, 20), true)),
                        "pt",
                        null,
                        Region.PORTO,
                        new LegacyProvenance(legacyNumber, "MUNICIPALITY", partnerName)));
        h.add(
                Topics.DOCUMENT_EVENTS,
                minutes(1),
                "checklist",
                new DocumentChecklistOpened(
                        caseId,
                        List.of(
                                new RequiredDocument(spouse, "PASSPORT", "identity"),
                                new RequiredDocument(spouse, "MEANS_OF_SUBSISTENCE", "means"),
                                new RequiredDocument(child, "BIRTH_CERTIFICATE", "family tie"))));
        h.add(Topics.NOTIFICATION_EVENTS, minutes(5), "n2-failed", failed(h, "n2", "RECEIPT"));
        h.add(
                Topics.NOTIFICATION_EVENTS,
                minutes(6),
                "n2-sent",
                new NotificationSent(caseId, new NotificationId(h.id("n2")), "RECEIPT", "EMAIL", h.id("trigger:n2")));
        h.add(Topics.DOCUMENT_EVENTS, minutes(60), "upload-a", uploaded(h, "a", spouse, "PASSPORT"));
        h.add(Topics.DOCUMENT_EVENTS, minutes(120), "upload-b", uploaded(h, "b", child, "BIRTH_CERTIFICATE"));
        h.add(
                Topics.DOCUMENT_EVENTS,
                minutes(180),
                "accept-a",
                new DocumentAccepted(caseId, new DocumentId(h.id("doc:a")), spouse, "PASSPORT"));
        h.add(
                Topics.DOCUMENT_EVENTS,
                minutes(240),
                "request-r1",
                new EvidenceRequested(
                        caseId, "R1", child, List.of("BIRTH_CERTIFICATE"), "not authenticated", today.minusDays(2)));
        h.add(
                Topics.DOCUMENT_EVENTS,
                minutes(300),
                "request-r2",
                new EvidenceRequested(
                        caseId, "R2", spouse, List.of("MEANS_OF_SUBSISTENCE"), "payslips", today.minusDays(5)));
        h.add(Topics.DOCUMENT_EVENTS, Duration.ofDays(1), "upload-c", uploaded(h, "c", spouse, "MEANS_OF_SUBSISTENCE"));
        h.add(
                Topics.DOCUMENT_EVENTS,
                Duration.ofDays(1).plusMinutes(1),
                "received-r2",
                new EvidenceReceived(caseId, "R2", spouse, today.minusDays(9), today.minusDays(3)));
        h.add(
                Topics.SCHEDULING_EVENTS,
                Duration.ofDays(2),
                "court-order",
                new CourtOrderRegistered(caseId, "PROC-1", today.plusDays(20)));
        h.add(
                Topics.SCHEDULING_EVENTS,
                Duration.ofDays(2).plusMinutes(1),
                "court-order-at-risk",
                new CourtOrderDeadlineAtRisk(
                        caseId, "PROC-1", today.plusDays(20), today.plusDays(40), "NO_CAPACITY_BEFORE_DEADLINE"));
        h.add(
                Topics.SCHEDULING_EVENTS,
                Duration.ofDays(3),
                "slot",
                new BiometricSlotAssigned(
                        caseId, "PORTO-1", today.minusDays(3).atTime(10, 0), 30, List.of(spouse, child)));
        h.add(
                Topics.NOTIFICATION_EVENTS,
                Duration.ofDays(3).plusMinutes(1),
                "n1-failed",
                failed(h, "n1", "APPOINTMENT"));
        h.add(
                Topics.SCHEDULING_EVENTS,
                Duration.ofDays(7).plusHours(3),
                "missed",
                new BiometricAppointmentMissed(
                        caseId,
                        "PORTO-1",
                        today.minusDays(3).atTime(10, 0),
                        BiometricAppointmentMissed.Next.FLAGGED_TO_CASEWORKER));
        h.add(
                Topics.DOCUMENT_EVENTS,
                Duration.ofDays(8),
                "aima-overdue-r2",
                new EvidenceResponseOverdue(caseId, "R2", today.minusDays(3)));
        return h;
    }

    /**
     * A portal registration that went all the way: checklist complete, biometrics collected (ready for a decision at
     * that point), then granted when {@code decided}.
     */
    public static ScriptedHistory smoothPortalCase(
            CaseId caseId,
            Instant start,
            String correlationId,
            String applicantId,
            LocalDate submittedOn,
            Region region,
            boolean decided) {
        ScriptedHistory h = new ScriptedHistory(caseId, start, correlationId);
        MemberId child = h.child();
        h.add(
                Topics.APPLICATION_EVENTS,
                minutes(0),
                "registered",
                new ApplicationRegistered(
                        caseId,
                        applicantId,
                        submittedOn,
                        List.of(new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2016, 1, 1), true)),
                        "en",
                        null,
                        region));
        h.add(
                Topics.DOCUMENT_EVENTS,
                minutes(1),
                "checklist",
                new DocumentChecklistOpened(
                        caseId, List.of(new RequiredDocument(child, "BIRTH_CERTIFICATE", "family tie"))));
        h.add(Topics.DOCUMENT_EVENTS, minutes(10), "upload", uploaded(h, "birth", child, "BIRTH_CERTIFICATE"));
        h.add(
                Topics.DOCUMENT_EVENTS,
                minutes(20),
                "accept",
                new DocumentAccepted(caseId, new DocumentId(h.id("doc:birth")), child, "BIRTH_CERTIFICATE"));
        h.add(Topics.DOCUMENT_EVENTS, minutes(21), "complete", new DocumentChecklistCompleted(caseId));
        h.add(
                Topics.SCHEDULING_EVENTS,
                minutes(60),
                "slot",
                new BiometricSlotAssigned(caseId, "LISBOA-1", LocalDateTime.of(2026, 1, 5, 9, 0), 15));
        h.add(Topics.SCHEDULING_EVENTS, Duration.ofDays(1), "collected", new BiometricsCollected(caseId, "LISBOA-1"));
        if (decided) {
            h.add(
                    Topics.APPLICATION_EVENTS,
                    Duration.ofDays(2),
                    "decision",
                    new DecisionIssued(caseId, DecisionIssued.Outcome.GRANTED, List.of(), "conditions met"));
        }
        return h;
    }

    private static DocumentUploaded uploaded(ScriptedHistory h, String label, MemberId member, String type) {
        return new DocumentUploaded(
                h.caseId, new DocumentId(h.id("doc:" + label)), member, type, "sha-" + label, 1000, "application/pdf");
    }

    private static NotificationFailed failed(ScriptedHistory h, String label, String kind) {
        return new NotificationFailed(
                h.caseId,
                new NotificationId(h.id(label)),
                kind,
                "EMAIL",
                h.id("trigger:" + label),
                "NO_CONTACT_DATA",
                "no e-mail address for the case");
    }
}
