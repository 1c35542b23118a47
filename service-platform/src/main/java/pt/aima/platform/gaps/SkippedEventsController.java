package pt.aima.platform.gaps;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.operations.OperatorReason;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/** Events the service's streaming processors skipped, and their repair. */
@RestController
public class SkippedEventsController {

    private final SkippedEventStore store;
    private final SkippedEventRepublisher republisher;
    private final CurrentActingContext operator;

    public SkippedEventsController(
            SkippedEventStore store, SkippedEventRepublisher republisher, CurrentActingContext operator) {
        this.store = store;
        this.republisher = republisher;
        this.operator = operator;
    }

    @GetMapping("/operations/skipped-events")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "Events a processor passed over without handling them (SKIPPED) and those republished since; "
                    + "watching=true adds the empty indexes still watched for a late commit")
    public List<SkippedEvent> skipped(@RequestParam(defaultValue = "false") boolean watching) {
        return store.all(watching);
    }

    @PostMapping("/operations/skipped-events/{processor}/{globalIndex}/republish")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(summary = "Have the processor's handlers handle the skipped event; 409 if already republished")
    public SkippedEvent republish(
            @PathVariable String processor, @PathVariable long globalIndex, @Valid @RequestBody OperatorReason body) {
        return republisher.republish(processor, globalIndex, body.reason(), operator.get());
    }
}
