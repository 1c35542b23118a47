package pt.aima.platform.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.operations.OperatorReason;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;

/**
 * The service's dead letters for operations: counts and lists for operations and auditors; one entry, retry and
 * discard for operations only.
 */
@RestController
public class DeadLettersController {

    private final DeadLetterOperations deadLetters;
    private final CurrentActingContext operator;

    public DeadLettersController(DeadLetterOperations deadLetters, CurrentActingContext operator) {
        this.deadLetters = deadLetters;
        this.operator = operator;
    }

    @GetMapping("/operations/dead-letters")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "Open dead letters per processing group and per Kafka dead-letter topic, counted by reason")
    public DeadLetterViews.Summary summary() {
        return deadLetters.summary();
    }

    @GetMapping("/operations/dead-letters/{source}")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(summary = "The open entries of one processing group ('group') or dead-letter topic ('topic'), masked")
    public List<DeadLetterViews.Entry> entries(@PathVariable String source, @RequestParam String queue) {
        return deadLetters.entries(source(source), queue);
    }

    @GetMapping("/operations/dead-letters/{source}/{id}")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(summary = "One dead letter, personal data masked, with what operators did to it")
    public DeadLetterViews.Entry entry(@PathVariable String source, @PathVariable String id) {
        return deadLetters.entry(source(source), id);
    }

    @PostMapping("/operations/dead-letters/{source}/{id}/retry")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(
            summary = "Process the dead letter again: a group's sequence through its handlers, a topic's record "
                    + "re-published to its original topic; 409 once retried successfully or discarded")
    public DeadLetterViews.Action retry(
            @PathVariable String source, @PathVariable String id, @Valid @RequestBody OperatorReason body) {
        return deadLetters.retry(source(source), id, body.reason(), operator.get());
    }

    @PostMapping("/operations/dead-letters/{source}/{id}/discard")
    @AllowedRoles(Role.OPERATIONS)
    @Operation(summary = "Give the dead letter up without processing it; 409 once retried successfully or discarded")
    public DeadLetterViews.Action discard(
            @PathVariable String source, @PathVariable String id, @Valid @RequestBody OperatorReason body) {
        return deadLetters.discard(source(source), id, body.reason(), operator.get());
    }

    private static DeadLetterSource source(String key) {
        return DeadLetterSource.of(key)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "Dead letters are under 'group' or 'topic', not '" + key + "'."));
    }
}
