package pt.aima.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import pt.aima.notification.process.delivery.DeliveryOutbox;
import pt.aima.notification.process.delivery.DeliveryStatus;
import pt.aima.notification.process.delivery.DeliveryView;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

@RestController
@Tag(name = "Delivery operations")
class DeliveryOperationsController {

    private final DeliveryOutbox outbox;

    DeliveryOperationsController(DeliveryOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/operations/deliveries")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(
            summary = "E-mail and SMS deliveries by status (failed by default), oldest first; optionally of one case")
    List<DeliveryView> deliveries(
            @RequestParam(defaultValue = "FAILED") DeliveryStatus status,
            @RequestParam(required = false) UUID caseId,
            @RequestParam(defaultValue = "100") int limit) {
        return outbox.deliveries(status, caseId, limit);
    }

    @PostMapping("/operations/deliveries/{notificationId}/retry")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(summary = "Puts a failed delivery back in the queue (for example after the contact data was fixed)")
    ResponseEntity<Void> retry(@PathVariable UUID notificationId) {
        if (!outbox.retry(notificationId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no failed delivery " + notificationId);
        }
        return ResponseEntity.accepted().build();
    }
}
