package pt.aima.notification.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "Delivery operations")
class DeliveryOperationsController {

    enum Status {
        PENDING,
        SENT,
        FAILED
    }

    private final JdbcClient jdbc;
    private final DeliveryOutbox outbox;

    DeliveryOperationsController(JdbcClient jdbc, DeliveryOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @GetMapping("/operations/deliveries")
    @PreAuthorize("hasRole('OPERATIONS')")
    @Operation(
            summary = "E-mail and SMS deliveries by status (failed by default), oldest first; optionally of one case")
    List<DeliveryView> deliveries(
            @RequestParam(defaultValue = "FAILED") Status status,
            @RequestParam(required = false) UUID caseId,
            @RequestParam(defaultValue = "100") int limit) {
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

    @PostMapping("/operations/deliveries/{notificationId}/retry")
    @PreAuthorize("hasRole('OPERATIONS')")
    @Operation(summary = "Puts a failed delivery back in the queue (for example after the contact data was fixed)")
    ResponseEntity<Void> retry(@PathVariable UUID notificationId) {
        if (!outbox.retry(notificationId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no failed delivery " + notificationId);
        }
        return ResponseEntity.accepted().build();
    }
}
