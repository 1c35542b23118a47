package pt.aima.operations.timeline;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.LegacyProvenance;
import pt.aima.kernel.application.MemberStayUpdated;
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

/**
 * One line of English per integration event, for an auditor's timeline, built only from facts that name no person:
 * ids, codes, stages, document types, desks, deadlines, outcomes. Never a name, a date of birth, contact data, an
 * applicant's account, or free text typed by staff (a caseworker's reasoning or rejection words may name people): a
 * coded reason is given instead.
 */
public final class EventSummaries {

    private EventSummaries() {}

    /** The summary of an event; a type this build has no wording for yet is named as such (never left out). */
    public static String summary(String type, int version, IntegrationEvent event) {
        return known(event).orElse(type + " v" + version + " (no summary for this event type yet)");
    }

    /** The summary, when this build has wording for the event's type. */
    public static Optional<String> known(IntegrationEvent event) {
        String line =
                switch (event) {
                    case ApplicationRegistered e -> registered(e);
                    case ApplicationRegisteredV2 e -> registered(e);
                    case HouseholdDeclared e ->
                        "Household's personal facts declared for the document rules, "
                                + e.household().size()
                                + " member(s) (on the restricted household topic; not shown here)";
                    case ApplicantDataErased e ->
                        "Applicant's personal data erased: key destroyed (the legal basis, as typed, is in the event)";
                    case ApplicantContactRegistered e ->
                        "Applicant's contact data registered (kept by notification-service only; not shown here)";
                    case DecisionIssued e ->
                        e.outcome() == DecisionIssued.Outcome.GRANTED
                                ? "Decision issued: GRANTED"
                                : "Decision issued: REFUSED on grounds " + listed(e.grounds(), "none given");
                    case DecisionDeadlineExtended e -> "Legal decision deadline extended to " + e.decideBy();
                    case MemberStayUpdated e ->
                        "End of lawful stay of member " + e.memberId() + " recorded as " + e.stayEndsOn();
                    case DocumentChecklistOpened e -> checklist(e);
                    case DocumentUploaded e ->
                        "Document " + e.documentType() + " of member " + e.memberId() + " uploaded (document "
                                + e.documentId() + ", " + e.mediaType() + ", " + e.sizeBytes() + " bytes)";
                    case DocumentAccepted e ->
                        "Document " + e.documentType() + " of member " + e.memberId() + " accepted (document "
                                + e.documentId() + ")";
                    case DocumentRejected e ->
                        "Document " + e.documentType() + " of member " + e.memberId() + " rejected, reason code "
                                + orNone(e.reasonCode()) + " (document " + e.documentId() + ")";
                    case DocumentChecklistCompleted e ->
                        "Document checklist complete: every required document accepted";
                    case EvidenceRequested e ->
                        "Evidence requested (request " + e.requestId() + ") " + about(e.memberId()) + ": "
                                + listed(e.documentTypes(), "no document type") + ", respond by " + e.respondBy();
                    case EvidenceRequestReminderDue e ->
                        "Reminder due for evidence request " + e.requestId() + " " + about(e.memberId()) + ": "
                                + listed(e.documentTypes(), "no document type") + ", respond by " + e.respondBy();
                    case EvidenceRequestExpired e ->
                        "Evidence request " + e.requestId() + " " + about(e.memberId()) + " expired unanswered after "
                                + e.respondBy() + ": " + listed(e.documentTypes(), "no document type");
                    case EvidenceReceived e ->
                        "Evidence received for request " + e.requestId() + " " + about(e.memberId()) + " on "
                                + e.receivedOn() + "; AIMA to verify by " + e.aimaRespondBy();
                    case EvidenceResponseOverdue e ->
                        "AIMA's verification of evidence request " + e.requestId() + " overdue (due by "
                                + e.aimaRespondBy() + ")";
                    case BiometricSlotAssigned e ->
                        "Biometrics appointment booked at desk " + e.deskId() + " for " + e.startsAt() + ", "
                                + e.durationMinutes() + " min"
                                + (e.memberIds() == null
                                        ? ""
                                        : ", " + e.memberIds().size() + " member(s)");
                    case BiometricsCollected e -> "Biometrics collected and originals seen at desk " + e.deskId();
                    case BiometricAppointmentRescheduled e ->
                        "Biometrics appointment moved from desk " + e.previousDeskId() + " at " + e.previousStartsAt()
                                + " to desk " + e.deskId() + " at " + e.startsAt() + ", reason code "
                                + orNone(e.reasonCode());
                    case BiometricAppointmentMissed e ->
                        "Biometrics appointment at desk " + e.deskId() + " at " + e.startsAt() + " missed; "
                                + (e.next() == BiometricAppointmentMissed.Next.RESCHEDULED
                                        ? "rescheduled"
                                        : "flagged to a caseworker");
                    case DeskCapacityChanged e -> desk(e);
                    case CourtOrderRegistered e ->
                        "Court order " + e.reference() + " registered: appointment due by " + e.deadline();
                    case CourtOrderDeadlineAtRisk e ->
                        "Court order " + e.reference() + " at risk (" + orNone(e.reasonCode()) + "): due by "
                                + e.deadline() + ", earliest possible "
                                + (e.earliestPossibleOn() == null
                                        ? "none within the scheduling horizon"
                                        : e.earliestPossibleOn().toString());
                    case NotificationSent e ->
                        "Notification " + e.kind() + " sent by " + e.channel() + " (notification " + e.notificationId()
                                + ")";
                    case NotificationFailed e ->
                        "Notification " + e.kind() + " by " + e.channel() + " failed, reason code "
                                + orNone(e.reasonCode()) + " (notification " + e.notificationId() + ")";
                    default -> null;
                };
        return Optional.ofNullable(line).map(EventSummaries::oneLine);
    }

    private static String registered(ApplicationRegisteredV2 e) {
        String members = e.household().stream()
                .map(ApplicationRegisteredV2.Member::relationship)
                .map(relationship -> relationship == null ? "unknown" : relationship.name())
                .collect(Collectors.joining(", "));
        return "Application registered " + origin(e.provenance()) + ": submitted on " + e.submittedOn() + ", "
                + e.household().size() + " family member(s) (" + members + "), region " + e.regionOrDefault();
    }

    private static String origin(LegacyProvenance provenance) {
        return provenance == null
                ? "through the portal"
                : "imported from SEF case " + provenance.legacyNumber() + " (recovered by a "
                        + orNone(provenance.partnerType()) + ")";
    }

    private static String registered(ApplicationRegistered e) {
        String members = e.household().stream()
                .map(HouseholdMember::relationship)
                .map(relationship -> relationship == null ? "unknown" : relationship.name())
                .collect(Collectors.joining(", "));
        return "Application registered " + origin(e.provenance()) + ": submitted on " + e.submittedOn() + ", "
                + e.household().size() + " family member(s) (" + members + "), region " + e.regionOrDefault();
    }

    private static String checklist(DocumentChecklistOpened e) {
        long members = e.items().stream()
                .map(RequiredDocument::memberId)
                .filter(Objects::nonNull)
                .distinct()
                .count();
        return "Document checklist opened: " + e.items().size() + " required document(s) for " + members + " member(s)";
    }

    private static String desk(DeskCapacityChanged e) {
        String until = e.effectiveUntil() == null ? "" : " to " + e.effectiveUntil();
        if (e.change() == DeskCapacityChanged.Change.CLOSED) {
            return "Desk " + e.deskId() + " closed from " + e.effectiveFrom() + until;
        }
        return "Desk " + e.deskId() + " capacity set from " + e.effectiveFrom() + until + ": " + e.slotsPerDay()
                + " slot(s) a day of " + e.slotMinutes() + " min";
    }

    private static String about(MemberId member) {
        return member == null ? "for the whole case" : "for member " + member;
    }

    private static String listed(Collection<String> codes, String none) {
        return codes == null || codes.isEmpty() ? none : String.join(", ", List.copyOf(codes));
    }

    private static String orNone(String code) {
        return code == null || code.isBlank() ? "none" : code;
    }

    /** Codes come from other services: a line break in one must not break the line. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
