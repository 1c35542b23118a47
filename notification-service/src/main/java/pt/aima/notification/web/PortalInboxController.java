package pt.aima.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.ids.CaseId;
import pt.aima.notification.projection.portalinbox.NotificationView;
import pt.aima.notification.projection.portalinbox.PortalInboxQueries;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

@RestController
@Tag(name = "Portal inbox")
class PortalInboxController {

    private final PortalInboxQueries queries;

    PortalInboxController(PortalInboxQueries queries) {
        this.queries = queries;
    }

    /**
     * An applicant reads their own case's inbox once its registration has reached this service; staff read any
     * case's.
     */
    @GetMapping("/cases/{caseId}/notifications")
    @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The case's portal notifications, oldest first (an applicant sees only their own case)")
    List<NotificationView> notifications(@PathVariable UUID caseId) {
        PortalInboxQueries.Inbox inbox =
                queries.findInbox(caseId).orElseThrow(() -> new CaseNotFound(new CaseId(caseId)));
        return inbox.notifications();
    }
}
