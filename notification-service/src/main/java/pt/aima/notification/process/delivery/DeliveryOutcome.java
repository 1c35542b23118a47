package pt.aima.notification.process.delivery;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The e-mails' and SMS's part of notification-service's outcome checksum: every message written to the delivery
 * outbox per case (kind, channel, language, recipient and the SHA-256 of its rendered subject and text), in a canonical
 * order. Whether and when it was sent (which depends on the mail server and the retries), notification ids and the
 * events that triggered them are left out.
 */
@Component
class DeliveryOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "deliveries",
                        "every e-mail and SMS written: case, kind, channel, language, recipient, SHA-256 of subject and text",
                        """
                select case_id, kind, channel, language, recipient_id, text_sha256
                from (select case_id, kind, channel, language, recipient_id,
                             encode(sha256(convert_to(subject || E'\\n' || body, 'UTF8')), 'hex') as text_sha256
                      from notification_delivery) messages
                order by case_id, kind, channel, language, recipient_id, text_sha256
                """));
    }
}
