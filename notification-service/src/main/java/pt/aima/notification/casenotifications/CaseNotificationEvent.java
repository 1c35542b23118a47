package pt.aima.notification.casenotifications;

import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistItem;
import pt.aima.notification.casenotifications.NotificationCommand.Member;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.platform.privacy.DataSubject;
import pt.aima.platform.privacy.Personal;

/**
 * What notification-service records for a case. Internal: these events hold the recipient and the words the
 * applicant was told, and never leave the service; {@code publishing} decides what is published. The words, and what
 * staff typed in a held trigger, are the applicant's personal data: stored encrypted under the applicant's key or the
 * case's ({@link Personal}), destroyed with them when the applicant's data is erased ({@link
 * NotificationDataErased}).
 */
public sealed interface CaseNotificationEvent {

    CaseId caseId();

    /** The case's applicant is known: every later notification is addressed to them, in their language. */
    @StoredAs("notification.RecipientIdentified")
    @Revision("1")
    record RecipientIdentified(CaseId caseId, String applicantId, Language language) implements CaseNotificationEvent {}

    /**
     * The channels the applicant can be reached on besides the portal inbox. The address and phone number themselves
     * are kept by the service's contact table, not in the case's events.
     */
    @StoredAs("notification.ContactChannelsIdentified")
    @Revision("1")
    record ContactChannelsIdentified(CaseId caseId, boolean emailGiven, boolean phoneGiven)
            implements CaseNotificationEvent {}

    /**
     * The case's registration reached this service (its recipient and household are known from it). Until then,
     * notifications are held rather than written.
     */
    @StoredAs("notification.RegistrationNoted")
    @Revision("1")
    record RegistrationNoted(CaseId caseId) implements CaseNotificationEvent {}

    /**
     * A notification's trigger arrived before what its words depend on (the registration with the applicant's
     * language and household, for an appointment the checklist): it is kept, as the trigger's
     * facts, and written once they are known, so the same case history always gives the same words whatever order
     * the topics delivered it in. A hold ends at the latest after {@code aima.notification.hold.max-wait}; the
     * notification is then written with what is known.
     *
     * @param trigger the trigger's facts; what staff typed in them (a decision's reasoning, a rejection's note, an
     *     evidence request's or an extension's reason: the {@link Personal} components of its record) is stored
     *     encrypted under the case's key, which the applicant's erasure destroys. Stored in clear before the
     *     encryption existed.
     * @param awaiting what it waits for: {@code REGISTRATION} or {@code CHECKLIST}
     */
    @StoredAs("notification.NotificationHeld")
    @Revision("1")
    record NotificationHeld(
            @DataSubject(indirect = true) CaseId caseId,
            UUID triggeringEventId,
            NotificationCommand trigger,
            String awaiting)
            implements CaseNotificationEvent {}

    /** The family members of the case, so texts can say whose document is meant. */
    @StoredAs("notification.HouseholdNoted")
    @Revision("1")
    record HouseholdNoted(CaseId caseId, List<Member> members) implements CaseNotificationEvent {}

    /**
     * The case's document checklist, from which the appointment's list of originals to bring is derived. Each item's
     * reason in words (which may name the countries a member lived in) is stored encrypted under the case's key, which
     * the applicant's erasure destroys; stored in clear before 4 December (the platform's sweep seals those).
     */
    @StoredAs("notification.ChecklistNoted")
    @Revision("1")
    record ChecklistNoted(@DataSubject(indirect = true) CaseId caseId, List<ChecklistItem> items)
            implements CaseNotificationEvent {}

    /**
     * A notification was written and stored for one channel. For the portal inbox this is its delivery; for e-mail
     * and SMS it is put in the delivery outbox in the same transaction.
     *
     * @param recipientId the applicant it is addressed to; {@code null} when it was written before the case's
     *     registration reached this service, and so is addressed to the case
     * @param triggeringEventId the integration event it answers
     * @param subject the words, stored encrypted under the recipient's key (the case's while it has no recipient);
     *     {@value Personal#ERASED} once that key was destroyed. Stored in clear before the encryption existed.
     */
    @StoredAs("notification.NotificationStored")
    @Revision("1")
    record NotificationStored(
            CaseId caseId,
            NotificationId notificationId,
            UUID triggeringEventId,
            NotificationKind kind,
            Channel channel,
            @DataSubject(orElse = "caseId") String recipientId,
            Language language,
            @Personal String subject,
            @Personal String body)
            implements CaseNotificationEvent {}

    /**
     * A notification was written once and stored for one or more channels: the words are the same on every channel,
     * so they are stored (and encrypted) once. Written instead of one {@link NotificationStored} per channel since 4
     * December 2026, which cost two or three events per notification; a case's history may hold both. For the portal
     * inbox a copy is its delivery; e-mail and SMS copies are put in the delivery outbox in the same transaction.
     *
     * @param copies the channels it was stored for, each with the notification's id on that channel, in the order
     *     the case wrote them
     * @param recipientId the applicant it is addressed to; {@code null} when it was written before the case's
     *     registration reached this service, and so is addressed to the case
     * @param subject the words, stored encrypted under the recipient's key (the case's while it has no recipient);
     *     {@value Personal#ERASED} once that key was destroyed
     */
    @StoredAs("notification.NotificationWritten")
    @Revision("1")
    record NotificationWritten(
            CaseId caseId,
            UUID triggeringEventId,
            NotificationKind kind,
            List<Copy> copies,
            @DataSubject(orElse = "caseId") String recipientId,
            Language language,
            @Personal String subject,
            @Personal String body)
            implements CaseNotificationEvent {

        public NotificationWritten {
            if (copies.isEmpty()) {
                throw new IllegalArgumentException("a notification is written for at least one channel");
            }
            copies = List.copyOf(copies);
        }

        /** The notification on one channel, by the id it has there. */
        public record Copy(Channel channel, NotificationId notificationId) {}

        /**
         * Each channel's copy as the one-channel event it replaces, so whatever acts on a stored notification acts on
         * both the same way. Not stored: the event store holds this event once.
         */
        public List<NotificationStored> perChannel() {
            return copies.stream()
                    .map(copy -> new NotificationStored(
                            caseId,
                            copy.notificationId(),
                            triggeringEventId,
                            kind,
                            copy.channel(),
                            recipientId,
                            language,
                            subject,
                            body))
                    .toList();
        }
    }

    /**
     * The applicant's personal data was erased (application-service's {@code ApplicantDataErased}): the keys the
     * case's words were stored under are destroyed, every copy of them reads as erased, and nothing more is written
     * to the applicant about this case.
     *
     * @param legalBasis why the data may no longer be kept, as the operator recorded it
     */
    @StoredAs("notification.NotificationDataErased")
    @Revision("1")
    record NotificationDataErased(CaseId caseId, String applicantId, String legalBasis)
            implements CaseNotificationEvent {}

    /** An e-mail or SMS notification was accepted by its channel. */
    @StoredAs("notification.NotificationDelivered")
    @Revision("1")
    record NotificationDelivered(
            CaseId caseId,
            NotificationId notificationId,
            UUID triggeringEventId,
            NotificationKind kind,
            Channel channel)
            implements CaseNotificationEvent {}

    /** An e-mail or SMS notification could not be delivered and waits for operations. */
    @StoredAs("notification.NotificationDeliveryFailed")
    @Revision("1")
    record NotificationDeliveryFailed(
            CaseId caseId,
            NotificationId notificationId,
            UUID triggeringEventId,
            NotificationKind kind,
            Channel channel,
            String reasonCode,
            String reason)
            implements CaseNotificationEvent {}
}
