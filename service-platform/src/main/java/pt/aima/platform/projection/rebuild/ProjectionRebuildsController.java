package pt.aima.platform.projection.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.operations.OperatorReason;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** Blue/green rebuilds of the service's projections: started by operations, followed by operations and auditors. */
@RestController
public class ProjectionRebuildsController {

    private final ProjectionRebuilds rebuilds;
    private final CurrentActingContext operator;

    public ProjectionRebuildsController(ProjectionRebuilds rebuilds, CurrentActingContext operator) {
        this.rebuilds = rebuilds;
        this.operator = operator;
    }

    @PostMapping("/operations/projections/{name}/rebuilds")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(
            summary = "Rebuild the projection into new tables from the event store while it keeps serving; once caught "
                    + "up it is compared with the live tables at the same global index and switched only if equal. "
                    + "202 with the rebuild; 409 while another rebuild of it runs, or if it cannot be rebuilt")
    public ResponseEntity<ProjectionRebuild> start(
            @PathVariable String name, @Valid @RequestBody OperatorReason body, UriComponentsBuilder uri) {
        ProjectionRebuild started = rebuilds.start(name, body.reason(), operator.get());
        URI location = uri.path("/operations/projections/{name}/rebuilds/{id}")
                .buildAndExpand(name, started.id())
                .toUri();
        return ResponseEntity.accepted().location(location).body(started);
    }

    @GetMapping("/operations/projections/{name}/rebuilds/{id}")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "One rebuild: RUNNING (position, head, lag), CAUGHT_UP, then SWITCHED or DIFFERENT (checksums, "
                    + "the first differing rows by key), FAILED or INTERRUPTED")
    public ProjectionRebuild rebuild(@PathVariable String name, @PathVariable UUID id) {
        return rebuilds.find(name, id);
    }

    @GetMapping("/operations/projections/{name}/rebuilds")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The projection's rebuilds, newest first")
    public List<ProjectionRebuild> rebuilds(@PathVariable String name) {
        return rebuilds.all(name);
    }
}
