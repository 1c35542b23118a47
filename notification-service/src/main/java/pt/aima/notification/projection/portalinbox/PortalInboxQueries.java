package pt.aima.notification.projection.portalinbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.platform.security.CaseOwners;

/** Reads the portal-inbox read model. */
@Component
public class PortalInboxQueries implements CaseOwners {

    private final JdbcClient jdbc;

    PortalInboxQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A case's inbox.
     *
     * @param applicantId whose inbox it is; {@code null} while the case's registration has not reached this service
     */
    public record Inbox(UUID caseId, String applicantId, List<NotificationView> notifications) {}

    /**
     * Whose case it is, for the platform's access guard: unknown (null) while the case's registration has not reached
     * this service.
     */
    @Override
    public Optional<Owner> ownerOf(UUID caseId) {
        return jdbc.sql("select applicant_id from portal_inbox where case_id = :caseId")
                .param("caseId", caseId)
                .query((rs, row) -> Optional.ofNullable(rs.getString("applicant_id")))
                .optional()
                .map(applicantId -> new Owner(applicantId.orElse(null)));
    }

    public Optional<Inbox> findInbox(UUID caseId) {
        return jdbc.sql("select applicant_id from portal_inbox where case_id = :caseId")
                .param("caseId", caseId)
                .query((rs, row) -> Optional.ofNullable(rs.getString("applicant_id")))
                .optional()
                .map(applicantId -> new Inbox(caseId, applicantId.orElse(null), notificationsOf(caseId)));
    }

    private List<NotificationView> notificationsOf(UUID caseId) {
        return jdbc.sql(
                        """
                select notification_id, kind, channel, language, subject, body, triggering_event_id, created_at
                from portal_notification where case_id = :caseId order by sequence_number
                """)
                .param("caseId", caseId)
                .query((rs, row) -> new NotificationView(
                        rs.getObject("notification_id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("channel"),
                        rs.getString("language"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getObject("triggering_event_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }
}
