package pt.aima.platform.projection;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** The service's projections: where each stands against the event store. */
@RestController
public class ProjectionsController {

    private final ProjectionMonitor monitor;

    public ProjectionsController(ProjectionMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/operations/projections")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "Every projection (streaming processor, the Kafka relay included): its position per segment, "
                    + "its lag behind the event store in events and seconds, and UP or DEGRADED against the "
                    + "thresholds; as of the last periodic check (checkedAt)")
    public List<ProjectionLag> projections() {
        return monitor.latest();
    }
}
