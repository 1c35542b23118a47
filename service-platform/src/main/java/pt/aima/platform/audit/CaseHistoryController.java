package pt.aima.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.deadletter.PersonalDataMask;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The complete, ordered history this service holds for one case, read straight from its event store: what happened,
 * when, who acted, which request or event caused it, and the W3C trace it was recorded in (the trace id of the
 * request or record that caused it; the same id in every service's history shows one flow crossing them).
 */
@RestController
public class CaseHistoryController {

    /** The one role that reaches applicants (and may see how): the others read the history with contacts masked. */
    static final String READS_CONTACTS = Role.CASEWORKER.name();

    private final EventStore eventStore;
    private final CurrentActingContext acting;
    private final JsonMapper json;

    public CaseHistoryController(EventStore eventStore, CurrentActingContext acting, JsonMapper json) {
        this.eventStore = eventStore;
        this.acting = acting;
        this.json = json;
    }

    public record HistoryEntryView(
            long sequence,
            UUID eventId,
            String type,
            String revision,
            Instant occurredAt,
            Actor actor,
            String correlationId,
            String causationId,
            String traceId,
            Object payload) {}

    @GetMapping("/audit/cases/{caseId}/events")
    @AllowedRoles({Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "The case's full event history in this service, in order",
            description = "Contact data (e-mail addresses, phone numbers) in the payloads is masked for every role"
                    + " but CASEWORKER; personal data erased with its applicant's key reads \"[erased]\" or null.")
    public List<HistoryEntryView> history(@PathVariable UUID caseId) {
        boolean maskContacts = !READS_CONTACTS.equals(acting.get().actor().role());
        // From sequence 0, not readEvents(id): that starts at the latest snapshot and would hide earlier events.
        List<HistoryEntryView> history = eventStore
                .readEvents(new CaseId(caseId).toString(), 0)
                .asStream()
                .map(CaseHistoryController::entry)
                .map(entry -> maskContacts ? withContactsMasked(entry) : entry)
                .toList();
        if (history.isEmpty()) {
            throw new CaseNotFound(new CaseId(caseId));
        }
        return history;
    }

    private HistoryEntryView withContactsMasked(HistoryEntryView entry) {
        JsonNode payload = PersonalDataMask.contactsMasked(json.valueToTree(entry.payload()));
        return new HistoryEntryView(
                entry.sequence(),
                entry.eventId(),
                entry.type(),
                entry.revision(),
                entry.occurredAt(),
                entry.actor(),
                entry.correlationId(),
                entry.causationId(),
                entry.traceId(),
                payload);
    }

    /** The trace id of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}); null for events without one. */
    static String traceId(Object traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.toString().split("-");
        return parts.length == 4 ? parts[1] : null;
    }

    private static HistoryEntryView entry(DomainEventMessage<?> event) {
        ActingContext context = ActingContext.from(event.getMetaData(), event.getIdentifier());
        org.axonframework.serialization.Revision revision =
                event.getPayloadType().getAnnotation(org.axonframework.serialization.Revision.class);
        return new HistoryEntryView(
                event.getSequenceNumber(),
                UUID.fromString(event.getIdentifier()),
                event.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(),
                event.getTimestamp(),
                context.actor(),
                context.correlationId(),
                context.causationId(),
                traceId(event.getMetaData().get(CaseTracing.TRACEPARENT)),
                event.getPayload());
    }
}
