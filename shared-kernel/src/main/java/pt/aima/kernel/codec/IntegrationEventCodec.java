package pt.aima.kernel.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of an integration event on the wire:
 *
 * <pre>{@code
 * {"eventId": "...", "type": "ApplicationRegistered", "version": 1, "caseId": "...",
 *  "occurredAt": "2026-11-23T10:15:30Z", "actor": {"subject": "...", "role": "CASEWORKER"},
 *  "correlationId": "...", "causationId": "...", "payload": { ...the event record... }}
 * }</pre>
 *
 * Dates are ISO-8601 strings; unknown payload fields are ignored so a publisher may add optional fields within a
 * version.
 */
public final class IntegrationEventCodec {

    private final EventCatalogue catalogue;
    private final JsonMapper json;

    public IntegrationEventCodec(EventCatalogue catalogue) {
        this.catalogue = catalogue;
        this.json = JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public static IntegrationEventCodec platform() {
        return new IntegrationEventCodec(EventCatalogue.platform());
    }

    public byte[] encode(EventEnvelope<?> envelope) {
        ObjectNode root = json.createObjectNode();
        root.put("eventId", envelope.eventId().toString());
        root.put("type", envelope.type());
        root.put("version", envelope.version());
        root.put("caseId", envelope.caseId().toString());
        root.put("occurredAt", envelope.occurredAt().toString());
        ObjectNode actor = root.putObject("actor");
        actor.put("subject", envelope.actor().subject());
        actor.put("role", envelope.actor().role());
        root.put("correlationId", envelope.correlationId());
        root.put("causationId", envelope.causationId());
        root.set("payload", json.valueToTree(envelope.payload()));
        return json.writeValueAsBytes(root);
    }

    /**
     * Reads an envelope.
     *
     * @throws UnknownEventTypeException a well-formed envelope of a type or version this build does not know
     * @throws MalformedEventException anything else that is not a valid envelope
     */
    public EventEnvelope<IntegrationEvent> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty record value");
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        return decode(root);
    }

    /**
     * Reads an envelope already parsed as JSON (an archive that keeps the envelope's facts in columns builds it so,
     * without writing it out and parsing it again).
     *
     * @throws UnknownEventTypeException a well-formed envelope of a type or version this build does not know
     * @throws MalformedEventException anything else that is not a valid envelope
     */
    public EventEnvelope<IntegrationEvent> decode(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("envelope is not a JSON object");
        }
        String type = text(root, "type");
        int version = root.path("version").asInt(0);
        if (version < 1) {
            throw new MalformedEventException("envelope field 'version' is missing or not a positive number");
        }
        Class<? extends IntegrationEvent> payloadType =
                catalogue.lookup(type, version).orElseThrow(() -> new UnknownEventTypeException(type, version));
        try {
            JsonNode payloadNode = root.get("payload");
            if (payloadNode == null || !payloadNode.isObject()) {
                throw new MalformedEventException("envelope field 'payload' is missing");
            }
            IntegrationEvent payload = json.treeToValue(payloadNode, payloadType);
            JsonNode actor = root.path("actor");
            return new EventEnvelope<>(
                    UUID.fromString(text(root, "eventId")),
                    type,
                    version,
                    CaseId.of(text(root, "caseId")),
                    Instant.parse(text(root, "occurredAt")),
                    new Actor(text(actor, "subject"), text(actor, "role")),
                    text(root, "correlationId"),
                    text(root, "causationId"),
                    payload);
        } catch (MalformedEventException e) {
            throw e;
        } catch (JacksonException e) {
            throw new MalformedEventException(type + " v" + version + " payload: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new MalformedEventException(type + " v" + version + ": " + e.getMessage(), e);
        }
    }

    /** The JSON of one event payload alone, as shown to auditors next to the envelope facts. */
    public String payloadJson(IntegrationEvent payload) {
        return new String(json.writeValueAsBytes(payload), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new MalformedEventException("envelope field '" + field + "' is missing");
        }
        return value.asString();
    }
}
