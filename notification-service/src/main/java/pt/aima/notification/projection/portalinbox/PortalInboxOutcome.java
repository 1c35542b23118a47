package pt.aima.notification.projection.portalinbox;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.platform.audit.OutcomePart;
import pt.aima.platform.audit.OutcomeParts;

/**
 * The portal inbox's part of notification-service's outcome checksum: every message per case (kind, channel, language
 * and the SHA-256 of its rendered subject and text), in a canonical order. Notification ids and the events that
 * triggered them (new in every run), the times of writing and the order within a case (which depends on how the other
 * services' events interleaved on their way here) are left out.
 */
@Component
class PortalInboxOutcome implements OutcomeParts {

    @Override
    public List<OutcomePart> outcomeParts() {
        return List.of(
                new OutcomePart(
                        "portal-inbox",
                        "every portal message: case, kind, channel, language, SHA-256 of subject and text",
                        """
                select case_id, kind, channel, language, text_sha256
                from (select case_id, kind, channel, language,
                             encode(sha256(convert_to(subject || E'\\n' || body, 'UTF8')), 'hex') as text_sha256
                      from portal_notification) messages
                order by case_id, kind, channel, language, text_sha256
                """));
    }
}
