package pt.aima.kernel.notification;

import java.util.UUID;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;

/**
 * A notification could not reach its channel and is no longer retried on its own: operations must act (for example
 * obtain the applicant's contact data). Never carries the address nor the words.
 *
 * @param kind what it would have told the applicant: {@code RECEIPT}, {@code APPOINTMENT}, {@code DECISION} ...
 * @param channel {@code EMAIL}, {@code SMS}
 * @param triggeringEventId the integration event it answers
 * @param reasonCode stable code: {@code NO_CONTACT_DATA} (unknown case, or an applicant without the contact this
 *     channel needs), {@code ADDRESS_REJECTED} (the server refused the address), {@code RETRIES_EXHAUSTED}
 * @param reason a description for operations, free of personal data
 */
@PublishedEvent(type = "NotificationFailed", version = 1)
public record NotificationFailed(
        CaseId caseId,
        NotificationId notificationId,
        String kind,
        String channel,
        UUID triggeringEventId,
        String reasonCode,
        String reason)
        implements NotificationEvent {}
