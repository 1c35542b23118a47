package pt.aima.notification.casenotifications;

import java.util.UUID;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;

/**
 * What notification-service records for a case. Internal: these events hold the recipient and the words the
 * applicant was told, and never leave the service; {@code publishing} decides what is published.
 */
public sealed interface CaseNotificationEvent {

    CaseId caseId();

    /** The case's applicant is known: every later notification is addressed to them, in their language. */
    @Revision("1")
    record RecipientIdentified(CaseId caseId, String applicantId, Language language) implements CaseNotificationEvent {}

    /**
     * A notification was written and stored for one channel.
     *
     * @param recipientId the applicant it is addressed to; {@code null} when it was written before the case's
     *     registration reached this service, and so is addressed to the case
     * @param triggeringEventId the integration event it answers
     */
    @Revision("1")
    record NotificationStored(
            CaseId caseId,
            NotificationId notificationId,
            UUID triggeringEventId,
            NotificationKind kind,
            Channel channel,
            String recipientId,
            Language language,
            String subject,
            String body)
            implements CaseNotificationEvent {}
}
