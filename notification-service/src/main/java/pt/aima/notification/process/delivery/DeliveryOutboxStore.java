package pt.aima.notification.process.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.Language;
import pt.aima.platform.privacy.Personal;

/**
 * The SQL of the delivery process: the outbox ({@code notification_delivery}, one row per e-mail or SMS
 * notification, keyed by the notification's id) and the applicant's contact data ({@code applicant_contact}, one row
 * per case, the latest contact winning). Every method runs in the caller's transaction.
 */
@Component
public class DeliveryOutboxStore {

    private final JdbcClient jdbc;

    public DeliveryOutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a notification, due at once; the same notification is never queued twice. */
    void enqueue(NotificationStored event, Instant at, String correlationId, TraceContext trace) {
        jdbc.sql(
                        """
                insert into notification_delivery (notification_id, case_id, triggering_event_id, recipient_id, kind,
                    channel, language, subject, body, status, attempts, next_attempt_at, correlation_id, created_at,
                    traceparent, baggage)
                values (:notificationId, :caseId, :triggeringEventId, :recipientId, :kind, :channel, :language,
                    :subject, :body, 'PENDING', 0, :at, :correlationId, :at, :traceparent, :baggage)
                on conflict do nothing
                """)
                .param("notificationId", event.notificationId().value())
                .param("caseId", event.caseId().value())
                .param("triggeringEventId", event.triggeringEventId())
                .param("recipientId", event.recipientId())
                .param("kind", event.kind().name())
                .param("channel", event.channel().name())
                .param("language", event.language().name().toLowerCase(Locale.ROOT))
                .param("subject", event.subject())
                .param("body", event.body())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("correlationId", correlationId)
                .param("traceparent", trace.traceparent())
                .param("baggage", trace.baggage())
                .update();
    }

    /** Keeps the latest contact of a case; a blank address or phone number is kept as none. */
    void keepContact(UUID caseId, String applicantId, String email, String phone, Language language) {
        jdbc.sql(
                        """
                insert into applicant_contact (case_id, applicant_id, email, phone, language, updated_at)
                values (:caseId, :applicantId, :email, :phone, :language, now())
                on conflict (case_id) do update
                    set applicant_id = excluded.applicant_id, email = excluded.email, phone = excluded.phone,
                        language = excluded.language, updated_at = excluded.updated_at
                    where applicant_contact.erased_at is null
                """)
                .param("caseId", caseId)
                .param("applicantId", applicantId)
                .param("email", blankToNull(email))
                .param("phone", blankToNull(phone))
                .param("language", language.name().toLowerCase(Locale.ROOT))
                .update();
    }

    /**
     * The applicant's personal data was erased: the address and phone number are deleted, and the row remembers it so
     * that a contact record consumed later (the contacts topic is not ordered with the case's events) is not kept.
     */
    void eraseContact(UUID caseId, String applicantId) {
        jdbc.sql(
                        """
                insert into applicant_contact (case_id, applicant_id, email, phone, language, updated_at, erased_at)
                values (:caseId, :applicantId, null, null, 'pt', now(), now())
                on conflict (case_id) do update
                    set email = null, phone = null, updated_at = now(), erased_at = coalesce(applicant_contact.erased_at, now())
                """)
                .param("caseId", caseId)
                .param("applicantId", applicantId)
                .update();
    }

    /** The words of every delivery of the case, sent or not, read as erased. */
    void eraseTexts(UUID caseId) {
        jdbc.sql("update notification_delivery set subject = :erased, body = :erased where case_id = :caseId")
                .param("erased", Personal.ERASED)
                .param("caseId", caseId)
                .update();
    }

    /** A case's deliveries still waiting for its contact data, or failed for the lack of it, are due at once. */
    void releaseWaitingForContact(UUID caseId) {
        jdbc.sql(
                        """
                update notification_delivery
                set status = 'PENDING', attempts = 0, next_attempt_at = now(), failure_code = null,
                    failure_reason = null
                where case_id = :caseId
                  and (status = 'PENDING' or (status = 'FAILED' and failure_code = :noContact))
                """)
                .param("caseId", caseId)
                .param("noContact", DeliveryFailure.NO_CONTACT_DATA)
                .update();
    }

    /** Puts a failed delivery back in the queue; false when there is no failed delivery by that id. */
    boolean requeueFailed(UUID notificationId) {
        return jdbc.sql(
                                """
                        update notification_delivery
                        set status = 'PENDING', attempts = 0, next_attempt_at = now(), failure_code = null,
                            failure_reason = null
                        where notification_id = :id and status = 'FAILED'
                        """)
                        .param("id", notificationId)
                        .update()
                == 1;
    }

    /**
     * A pending delivery claimed for sending, with its channel's address as known now.
     *
     * @param contactKnown whether the case's contact data has arrived
     * @param waitedForContact whether the delivery has waited for the contact data as long as it may
     * @param address {@code null} when the applicant gave none for the channel, or the contact is not known
     * @param correlationId the flow that queued the delivery
     * @param trace the trace the delivery was queued in
     */
    record Due(
            UUID notificationId,
            UUID caseId,
            String subject,
            String body,
            int attempts,
            boolean contactKnown,
            boolean waitedForContact,
            String address,
            String correlationId,
            TraceContext trace) {}

    /**
     * The channel's pending deliveries due now, the longest due first, at most {@code limit}: candidates, not claimed
     * (another instance may claim any of them first; {@link #claimDue} tells). One walk of the due index for a batch:
     * that index keeps an entry for every delivery sent since the table was last vacuumed (its row's dead pending
     * version), so a claim that walked it for every message read hundreds of dead entries a message in the backlog
     * benchmark.
     */
    List<UUID> dueNow(DeliveryChannel channel, int limit) {
        return jdbc.sql(
                        """
                select notification_id from notification_delivery
                where status = 'PENDING' and channel = :channel and next_attempt_at <= now()
                order by next_attempt_at
                limit :limit
                """)
                .param("channel", channel.channel().name())
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /**
     * Claims the delivery, with its channel's address as known now, if it is still pending and due and no other
     * transaction holds it; locked until the transaction ends ({@code skip locked}, so several instances never claim
     * the same row, and one that finds it taken or sent goes on to its next candidate).
     */
    Optional<Due> claimDue(UUID notificationId, DeliveryChannel channel, Duration contactWait) {
        return jdbc.sql(
                        """
                select d.notification_id, d.case_id, d.subject, d.body, d.attempts, d.correlation_id, d.traceparent,
                       d.baggage,
                       c.case_id is not null as contact_known,
                       d.created_at <= now() - make_interval(secs => :contactWait) as waited_for_contact,
                       c.%s as address
                from notification_delivery d left join applicant_contact c on c.case_id = d.case_id
                where d.notification_id = :id and d.status = 'PENDING' and d.next_attempt_at <= now()
                for update of d skip locked
                """
                                .formatted(channel.contactColumn()))
                .param("id", notificationId)
                .param("contactWait", seconds(contactWait))
                .query((rs, row) -> new Due(
                        rs.getObject("notification_id", UUID.class),
                        rs.getObject("case_id", UUID.class),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getBoolean("contact_known"),
                        rs.getBoolean("waited_for_contact"),
                        rs.getString("address"),
                        rs.getString("correlation_id"),
                        new TraceContext(rs.getString("traceparent"), rs.getString("baggage"))))
                .optional();
    }

    /** The delivery waits for the contact data until {@code contactWait} after it was queued. */
    void waitForContact(UUID notificationId, Duration contactWait) {
        jdbc.sql(
                        """
                update notification_delivery
                set next_attempt_at = created_at + make_interval(secs => :contactWait)
                where notification_id = :id
                """)
                .param("contactWait", seconds(contactWait))
                .param("id", notificationId)
                .update();
    }

    /** The attempt failed transiently: counted, and the next one is due after {@code wait}. */
    void retryLater(UUID notificationId, int attempts, String error, Duration wait) {
        jdbc.sql(
                        """
                update notification_delivery
                set attempts = :attempts, last_error = :error,
                    next_attempt_at = now() + make_interval(secs => :wait)
                where notification_id = :id
                """)
                .param("attempts", attempts)
                .param("error", error)
                .param("wait", seconds(wait))
                .param("id", notificationId)
                .update();
    }

    /** The channel accepted the delivery; its outcome is yet to be reported to the case. */
    void markSent(UUID notificationId) {
        jdbc.sql(
                        """
                update notification_delivery
                set status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = null,
                    outcome_reported = false
                where notification_id = :id
                """)
                .param("id", notificationId)
                .update();
    }

    /**
     * The delivery failed for good; its outcome is yet to be reported to the case.
     *
     * @param lastError the channel's error, when there was one (otherwise the previous one is kept)
     */
    void markFailed(UUID notificationId, String code, String reason, String lastError) {
        jdbc.sql(
                        """
                update notification_delivery
                set status = 'FAILED', attempts = attempts + 1, failure_code = :code, failure_reason = :reason,
                    last_error = coalesce(:error, last_error), outcome_reported = false
                where notification_id = :id
                """)
                .param("code", code)
                .param("reason", reason)
                .param("error", lastError)
                .param("id", notificationId)
                .update();
    }

    /** A sent or failed delivery whose outcome the case has not been told yet, with the trace it was queued in. */
    record Unreported(
            UUID notificationId,
            UUID caseId,
            DeliveryStatus status,
            String failureCode,
            String failureReason,
            String correlationId,
            TraceContext trace) {}

    private static final String UNREPORTED =
            """
            select notification_id, case_id, status, failure_code, failure_reason, correlation_id, traceparent, baggage
            from notification_delivery
            where status in ('SENT', 'FAILED') and not outcome_reported
            """;

    /**
     * Claims the oldest unreported outcomes, at most {@code limit}, locked until the transaction ends ({@code skip
     * locked}, so several instances never report the same outcome at once).
     */
    List<Unreported> claimUnreported(int limit) {
        return jdbc.sql(UNREPORTED + "order by created_at limit :limit for update skip locked")
                .param("limit", limit)
                .query(DeliveryOutboxStore::unreported)
                .list();
    }

    /** Claims one delivery's outcome if it is still unreported and no other transaction holds it. */
    Optional<Unreported> claimUnreported(UUID notificationId) {
        return jdbc.sql(UNREPORTED + "and notification_id = :id for update skip locked")
                .param("id", notificationId)
                .query(DeliveryOutboxStore::unreported)
                .optional();
    }

    private static Unreported unreported(ResultSet rs, int row) throws SQLException {
        return new Unreported(
                rs.getObject("notification_id", UUID.class),
                rs.getObject("case_id", UUID.class),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("failure_code"),
                rs.getString("failure_reason"),
                rs.getString("correlation_id"),
                new TraceContext(rs.getString("traceparent"), rs.getString("baggage")));
    }

    /** The cases have been told these deliveries' outcomes; one statement however many. */
    void markReported(Collection<UUID> notificationIds) {
        if (notificationIds.isEmpty()) {
            return;
        }
        jdbc.sql("update notification_delivery set outcome_reported = true where notification_id in (:ids)")
                .param("ids", notificationIds)
                .update();
    }

    /** Deliveries by status, oldest first, optionally of one case; at most {@code limit} (clamped to 1..1000). */
    List<DeliveryView> deliveries(DeliveryStatus status, UUID caseId, int limit) {
        return jdbc.sql(
                        """
                select notification_id, case_id, triggering_event_id, kind, channel, status, attempts,
                       next_attempt_at, last_error, failure_code, failure_reason, created_at, sent_at
                from notification_delivery
                where status = :status and (cast(:caseId as uuid) is null or case_id = cast(:caseId as uuid))
                order by created_at, notification_id
                limit :limit
                """)
                .param("status", status.name())
                .param("caseId", caseId)
                .param("limit", Math.clamp(limit, 1, 1000))
                .query((rs, row) -> new DeliveryView(
                        rs.getObject("notification_id", UUID.class),
                        rs.getObject("case_id", UUID.class),
                        rs.getObject("triggering_event_id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("channel"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getObject("next_attempt_at", OffsetDateTime.class),
                        rs.getString("last_error"),
                        rs.getString("failure_code"),
                        rs.getString("failure_reason"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("sent_at", OffsetDateTime.class)))
                .list();
    }

    private static double seconds(Duration duration) {
        return (double) duration.toMillis() / 1000;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
