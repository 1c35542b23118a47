package pt.aima.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.document.DocumentAccepted;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentUploaded;
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
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.operations.ScriptedHistory.Published;

/**
 * One case's events from all four services, linked by causation ids as the services link them: requests start trees
 * (their ids are not archived events), an event a service reacted to is the cause of the reaction, and a notification
 * reported by its delivery names its trigger in the payload only. Labels name the events; {@link #causalOrder()} is
 * the order the timeline must list them in, worked out by hand:
 *
 * <pre>
 * registered                      (request)                 t0
 *   checklist                     (caused by registered)    t0 + 1 min
 *     checklist-notice            (caused by checklist)     t0 + 2 days   — late, still under its cause
 *   receipt                       (triggered by registered) t0 + 2 min
 * upload                          (request)                 t0 + 1 h
 * accepted                        (request R)               t0 + 2 h
 * completed                       (request R)               t0 + 2 h      — same instant: the case's step order
 *   slot                          (caused by completed)     t0 + 1 day
 *     appointment-notice          (caused by slot)          t0 + 1 day 1 min
 * collected                       (request)                 t0 + 3 days
 * decision                        (request)                 t0 + 4 days
 *   decision-email-failed         (caused by decision)      t0 + 4 days 30 s
 *   decision-notice               (caused by decision)      t0 + 4 days 1 min
 * </pre>
 */
public final class CausalHistory {

    private final CaseId caseId;
    private final Instant start;
    private final String correlationId;
    private final Map<String, Published> events = new LinkedHashMap<>();

    public CausalHistory(CaseId caseId, Instant start, String correlationId) {
        this.caseId = caseId;
        this.start = start;
        this.correlationId = correlationId;
        MemberId child = new MemberId(id("member:child"));
        DocumentId birth = new DocumentId(id("doc:birth"));
        Actor applicant = new Actor("applicant-" + caseId, "APPLICANT");
        Actor caseworker = new Actor("caseworker-timeline", "CASEWORKER");
        add(
                "registered",
                Topics.APPLICATION_EVENTS,
                Duration.ZERO,
                applicant,
                "request:register",
                new ApplicationRegistered(
                        caseId,
                        "applicant-" + caseId,
                        LocalDate.of(2026, 3, 2),
                        List.of(new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2016, 7, 14), true)),
                        "en",
                        null,
                        Region.COIMBRA));
        add(
                "checklist",
                Topics.DOCUMENT_EVENTS,
                Duration.ofMinutes(1),
                Actor.system("document-service"),
                causedBy("registered"),
                new DocumentChecklistOpened(
                        caseId, List.of(new RequiredDocument(child, "BIRTH_CERTIFICATE", "family tie"))));
        add(
                "checklist-notice",
                Topics.NOTIFICATION_EVENTS,
                Duration.ofDays(2),
                Actor.system("notification-service"),
                causedBy("checklist"),
                new NotificationSent(
                        caseId, new NotificationId(id("n:checklist")), "DOCUMENTS_REQUIRED", "PORTAL_INBOX", null));
        add(
                "receipt",
                Topics.NOTIFICATION_EVENTS,
                Duration.ofMinutes(2),
                Actor.system("notification-service"),
                id("n:receipt").toString(),
                new NotificationSent(
                        caseId, new NotificationId(id("n:receipt")), "RECEIPT", "EMAIL", eventId("registered")));
        add(
                "upload",
                Topics.DOCUMENT_EVENTS,
                Duration.ofHours(1),
                applicant,
                "request:upload",
                new DocumentUploaded(
                        caseId, birth, child, "BIRTH_CERTIFICATE", "ab".repeat(32), 2048, "application/pdf"));
        add(
                "accepted",
                Topics.DOCUMENT_EVENTS,
                Duration.ofHours(2),
                caseworker,
                "request:accept",
                new DocumentAccepted(caseId, birth, child, "BIRTH_CERTIFICATE"));
        add(
                "completed",
                Topics.DOCUMENT_EVENTS,
                Duration.ofHours(2),
                caseworker,
                "request:accept",
                new DocumentChecklistCompleted(caseId));
        add(
                "slot",
                Topics.SCHEDULING_EVENTS,
                Duration.ofDays(1),
                Actor.system("scheduling-service"),
                causedBy("completed"),
                new BiometricSlotAssigned(
                        caseId, "COIMBRA-1", LocalDateTime.of(2026, 4, 1, 9, 30), 15, List.of(child)));
        add(
                "appointment-notice",
                Topics.NOTIFICATION_EVENTS,
                Duration.ofDays(1).plusMinutes(1),
                Actor.system("notification-service"),
                causedBy("slot"),
                new NotificationSent(
                        caseId, new NotificationId(id("n:slot")), "APPOINTMENT", "PORTAL_INBOX", eventId("slot")));
        add(
                "collected",
                Topics.SCHEDULING_EVENTS,
                Duration.ofDays(3),
                caseworker,
                "request:collect",
                new BiometricsCollected(caseId, "COIMBRA-1"));
        add(
                "decision",
                Topics.APPLICATION_EVENTS,
                Duration.ofDays(4),
                caseworker,
                "request:decide",
                new DecisionIssued(caseId, DecisionIssued.Outcome.GRANTED, List.of(), "all conditions met"));
        add(
                "decision-notice",
                Topics.NOTIFICATION_EVENTS,
                Duration.ofDays(4).plusMinutes(1),
                Actor.system("notification-service"),
                causedBy("decision"),
                new NotificationSent(
                        caseId, new NotificationId(id("n:decision")), "DECISION", "PORTAL_INBOX", eventId("decision")));
        add(
                "decision-email-failed",
                Topics.NOTIFICATION_EVENTS,
                Duration.ofDays(4).plusSeconds(30),
                Actor.system("notification-service"),
                causedBy("decision"),
                new NotificationFailed(
                        caseId,
                        new NotificationId(id("n:decision-email")),
                        "DECISION",
                        "EMAIL",
                        eventId("decision"),
                        "NO_CONTACT_DATA",
                        "no e-mail address for the case"));
    }

    public CaseId caseId() {
        return caseId;
    }

    /** Every event, in the order they were scripted (not a delivery order). */
    public List<Published> events() {
        return List.copyOf(events.values());
    }

    public Published event(String label) {
        return events.get(label);
    }

    /** The label of the event with this id. */
    public String labelOf(UUID eventId) {
        return events.entrySet().stream()
                .filter(e -> e.getValue().envelope().eventId().equals(eventId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scripted event " + eventId));
    }

    public UUID eventId(String label) {
        return id("event:" + label);
    }

    /** The timeline's order of every event, with its depth. */
    public static List<String> causalOrder() {
        return List.of(
                "registered:0",
                "checklist:1",
                "checklist-notice:2",
                "receipt:1",
                "upload:0",
                "accepted:0",
                "completed:0",
                "slot:1",
                "appointment-notice:2",
                "collected:0",
                "decision:0",
                "decision-email-failed:1",
                "decision-notice:1");
    }

    private String causedBy(String label) {
        return eventId(label).toString();
    }

    private UUID id(String label) {
        return UUID.nameUUIDFromBytes((caseId + ":" + label).getBytes(StandardCharsets.UTF_8));
    }

    private void add(
            String label, String topic, Duration after, Actor actor, String causationId, IntegrationEvent event) {
        events.put(
                label,
                new Published(
                        topic,
                        EventEnvelope.wrap(
                                eventId(label), start.plus(after), actor, correlationId, causationId, event)));
    }
}
