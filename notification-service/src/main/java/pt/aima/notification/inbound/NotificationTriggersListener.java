package pt.aima.notification.inbound;

import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.document.DocumentRejected;
import pt.aima.kernel.document.EvidenceRequestExpired;
import pt.aima.kernel.document.EvidenceRequestReminderDue;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.notification.casenotifications.EraseNotificationData;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistRequirement;
import pt.aima.notification.casenotifications.NotificationCommand.Member;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentMissed;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentRescheduled;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyChecklist;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDeadlineExtended;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDocumentRejected;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyEvidenceRequest;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;
import pt.aima.notification.casenotifications.NotificationCommand.RegisterContact;
import pt.aima.notification.casenotifications.NotificationKind;
import pt.aima.notification.process.delivery.DeliveryOutbox;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.inbox.InboundEvents;

/**
 * Turns the steps of a case that the applicant must know about into notifications, once per event, and hands the
 * applicant's contact data (from the restricted contacts topic) to the delivery outbox for the e-mail and SMS channels;
 * has the case erase what it keeps of the applicant (the words, the contact) when application-service erases the
 * applicant's personal data.
 *
 * <p>Sending is never done here: the case stores the notifications, the delivery outbox row commits with them, and a
 * sender on its own thread delivers them. A mail server that is down never slows this consumer.
 */
@Component
class NotificationTriggersListener {

    private static final Set<String> SUBSCRIBED = Set.of(
            "ApplicationRegistered",
            "ApplicantContactRegistered",
            "ApplicantDataErased",
            "DecisionIssued",
            "DecisionDeadlineExtended",
            "DocumentChecklistOpened",
            "DocumentRejected",
            "EvidenceRequested",
            "EvidenceRequestReminderDue",
            "EvidenceRequestExpired",
            "BiometricSlotAssigned",
            "BiometricAppointmentRescheduled",
            "BiometricAppointmentMissed");

    private final InboundEvents inbound;
    private final ActingCommandGateway commands;
    private final DeliveryOutbox outbox;

    NotificationTriggersListener(InboundEvents inbound, ActingCommandGateway commands, DeliveryOutbox outbox) {
        this.inbound = inbound;
        this.commands = commands;
        this.outbox = outbox;
    }

    @KafkaListener(
            topics = {
                Topics.APPLICATION_EVENTS,
                Topics.APPLICANT_CONTACTS,
                Topics.DOCUMENT_EVENTS,
                Topics.SCHEDULING_EVENTS
            })
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.process(record, SUBSCRIBED, this::apply);
    }

    private void apply(EventEnvelope<IntegrationEvent> envelope) {
        if (envelope.payload() instanceof ApplicantContactRegistered contact) {
            keepContact(contact);
        }
        commands.sendCausedBy(command(envelope), envelope);
    }

    private static NotifyRegistration notifyRegistration(ApplicationRegisteredV2 registered, UUID triggeringEventId) {
        return new NotifyRegistration(
                registered.caseId(),
                triggeringEventId,
                registered.applicantId(),
                Language.forPreference(registered.preferredLanguage()),
                registered.submittedOn(),
                registered.household().stream()
                        .map(member -> new Member(
                                member.memberId(), member.relationship().name()))
                        .toList());
    }

    /** The notification command an event triggers, or the erasure. */
    private static Object command(EventEnvelope<IntegrationEvent> envelope) {
        var id = envelope.eventId();
        return switch (envelope.payload()) {
            case ApplicantDataErased erased ->
                new EraseNotificationData(erased.caseId(), erased.applicantId(), erased.legalBasis());
            case ApplicationRegistered registered -> notifyRegistration(registered.withoutPersonalFacts(), id);
            case ApplicationRegisteredV2 registered -> notifyRegistration(registered, id);
            case ApplicantContactRegistered contact ->
                new RegisterContact(
                        contact.caseId(),
                        id,
                        contact.applicantId(),
                        Language.forPreference(contact.preferredLanguage()),
                        contact.email() != null && !contact.email().isBlank(),
                        contact.phone() != null && !contact.phone().isBlank());
            case DocumentChecklistOpened checklist ->
                new NotifyChecklist(
                        checklist.caseId(),
                        id,
                        checklist.items().stream()
                                .map(item -> new ChecklistRequirement(
                                        item.memberId(),
                                        item.documentType(),
                                        item.reason(),
                                        item.reasonCode(),
                                        item.reasonValues()))
                                .toList());
            case DocumentRejected rejected ->
                new NotifyDocumentRejected(
                        rejected.caseId(),
                        id,
                        rejected.memberId(),
                        rejected.documentType(),
                        rejected.reasonCode(),
                        rejected.reason());
            case EvidenceRequested requested ->
                new NotifyEvidenceRequest(
                        requested.caseId(),
                        id,
                        NotificationKind.EVIDENCE_REQUESTED,
                        requested.memberId(),
                        requested.documentTypes(),
                        requested.reason(),
                        requested.respondBy());
            case EvidenceRequestReminderDue reminder ->
                new NotifyEvidenceRequest(
                        reminder.caseId(),
                        id,
                        NotificationKind.EVIDENCE_REMINDER,
                        reminder.memberId(),
                        reminder.documentTypes(),
                        null,
                        reminder.respondBy());
            case EvidenceRequestExpired expired ->
                new NotifyEvidenceRequest(
                        expired.caseId(),
                        id,
                        NotificationKind.EVIDENCE_EXPIRED,
                        expired.memberId(),
                        expired.documentTypes(),
                        null,
                        expired.respondBy());
            case BiometricSlotAssigned slot ->
                new NotifyBiometricAppointment(
                        slot.caseId(), id, slot.deskId(), slot.startsAt(), slot.durationMinutes());
            case BiometricAppointmentRescheduled moved ->
                new NotifyAppointmentRescheduled(
                        moved.caseId(),
                        id,
                        moved.deskId(),
                        moved.startsAt(),
                        moved.durationMinutes(),
                        moved.previousDeskId(),
                        moved.previousStartsAt(),
                        moved.reasonCode(),
                        moved.reason());
            case BiometricAppointmentMissed missed ->
                new NotifyAppointmentMissed(
                        missed.caseId(),
                        id,
                        missed.deskId(),
                        missed.startsAt(),
                        missed.next() == BiometricAppointmentMissed.Next.RESCHEDULED);
            case DecisionIssued decision ->
                new NotifyDecision(decision.caseId(), id, decision.outcome(), decision.grounds(), decision.reasoning());
            case DecisionDeadlineExtended extended ->
                new NotifyDeadlineExtended(extended.caseId(), id, extended.reason(), extended.decideBy());
            default -> throw new IllegalStateException("not subscribed: " + envelope.type());
        };
    }

    /** The latest contact of a case wins; deliveries waiting for it, or failed for the lack of it, are due at once. */
    private void keepContact(ApplicantContactRegistered contact) {
        outbox.contactRegistered(
                contact.caseId().value(),
                contact.applicantId(),
                contact.email(),
                contact.phone(),
                Language.forPreference(contact.preferredLanguage()));
    }
}
