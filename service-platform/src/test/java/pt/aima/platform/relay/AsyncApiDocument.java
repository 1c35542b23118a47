package pt.aima.platform.relay;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.EventCatalogue;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;

/**
 * Writes the AsyncAPI 3 document of the published language (docs/asyncapi.yaml) from the kernel's event catalogue:
 * one channel per topic, one message per event type and version with the record's headers (the platform's and the
 * CloudEvents ones), its key (the case id), the envelope and the event's payload schema, read from the event
 * records themselves as the codec writes them.
 */
final class AsyncApiDocument {

    static final String ASYNCAPI_VERSION = "3.0.0";
    static final String KAFKA_BINDING_VERSION = "0.5.0";

    private final Map<String, Object> schemas = new TreeMap<>();
    private final Map<String, Class<?>> schemaOwners = new LinkedHashMap<>();

    private AsyncApiDocument() {}

    static String yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        options.setSplitLines(false);
        return "# Generated from the kernel's event catalogue by AsyncApiDocumentTest (service-platform); do not edit.\n"
                + "# Regenerate: ./mvnw -pl service-platform -am verify -Dtest=AsyncApiDocumentTest -Daima.asyncapi.write=true"
                + " -Dit.test=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false\n"
                + new Yaml(options).dump(new AsyncApiDocument().document());
    }

    /** {@code aima.application.events.v1} is channel {@code applicationEvents}. */
    static String channelId(String topic) {
        String[] parts = topic.split("\\.");
        return parts[1] + Character.toUpperCase(parts[2].charAt(0)) + parts[2].substring(1);
    }

    /** {@code ApplicationRegistered.v1}. */
    static String messageId(Class<? extends IntegrationEvent> event) {
        PublishedEvent published = event.getAnnotation(PublishedEvent.class);
        return published.type() + ".v" + published.version();
    }

    /** The service that publishes a topic: {@code aima.application...} is application-service's. */
    static String publisher(String topic) {
        return CloudEventsHeaders.domainOf(topic) + "-service";
    }

    private Map<String, Object> document() {
        Map<String, List<Class<? extends IntegrationEvent>>> byTopic = new LinkedHashMap<>();
        for (Class<? extends IntegrationEvent> event : EventCatalogue.PUBLISHED) {
            byTopic.computeIfAbsent(Topics.of(event), topic -> new ArrayList<>())
                    .add(event);
        }
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        byTopic.forEach((topic, events) -> {
            String channel = channelId(topic);
            Map<String, Object> channelMessages = new LinkedHashMap<>();
            List<Object> operationMessages = new ArrayList<>();
            for (Class<? extends IntegrationEvent> event : events) {
                String id = messageId(event);
                channelMessages.put(id, ref("#/components/messages/" + id));
                operationMessages.add(ref("#/channels/" + channel + "/messages/" + id));
                messages.put(id, message(event, topic));
            }
            channels.put(
                    channel,
                    map(
                            "address",
                            topic,
                            "description",
                            description(topic),
                            "messages",
                            channelMessages,
                            "bindings",
                            map("kafka", map("topic", topic, "bindingVersion", KAFKA_BINDING_VERSION))));
            operations.put(
                    "publish" + Character.toUpperCase(channel.charAt(0)) + channel.substring(1),
                    map(
                            "action",
                            "send",
                            "summary",
                            publisher(topic) + " publishes on " + topic,
                            "channel",
                            ref("#/channels/" + channel),
                            "messages",
                            operationMessages));
        });
        schemas.put("CaseId", map("type", "string", "format", "uuid", "description", "The case the event belongs to."));
        schemas.put("EventEnvelope", envelope());
        schemas.put("RecordHeaders", recordHeaders());
        return map(
                "asyncapi",
                ASYNCAPI_VERSION,
                "info",
                map(
                        "title", "AIMA family reunification: integration events",
                        "version", "1.0.0",
                        "description", INFO),
                "defaultContentType",
                CloudEventsHeaders.JSON,
                "servers",
                map(
                        "local",
                        map(
                                "host",
                                "127.0.0.1:9092",
                                "protocol",
                                "kafka",
                                "description",
                                "The local stack's broker (./run-local-stack.sh, docker-compose.yml).")),
                "channels",
                channels,
                "operations",
                operations,
                "components",
                map("messages", messages, "schemas", schemas));
    }

    private static final String INFO = "What the four services publish on Kafka. Every record is keyed by its case id"
            + " (one case's events stay in order on one partition); its value is the platform's JSON envelope around"
            + " the event; its headers carry the event's id, type and schema version, and the CloudEvents 1.0"
            + " attributes of the Kafka protocol binding in binary mode (the value is the CloudEvent's data)."
            + " Consumers deduplicate on the event id: a record may be sent more than once, never lost. A (type,"
            + " version) pair keeps its meaning forever; fields added later within a version are optional (null or"
            + " absent in older records).";

    private static String description(String topic) {
        if (topic.equals(Topics.APPLICANT_CONTACTS)) {
            return "Applicants' contact data (personal data): published by application-service, read only by"
                    + " notification-service; kept off the case-event topics.";
        }
        if (topic.equals(Topics.HOUSEHOLD_FACTS)) {
            return "The personal facts of each registered household (dates of birth, nationalities, residence"
                    + " histories; personal data): published by application-service, read only by document-service,"
                    + " whose document rules need them; kept off the case-event topics.";
        }
        return "The case events " + publisher(topic) + " publishes for the other services.";
    }

    private Map<String, Object> message(Class<? extends IntegrationEvent> event, String topic) {
        PublishedEvent published = event.getAnnotation(PublishedEvent.class);
        String id = messageId(event);
        schemas.put(id, object(event));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("aima-event-type", map("type", "string", "const", published.type()));
        headers.put("aima-schema-version", map("type", "string", "const", Integer.toString(published.version())));
        headers.put(
                CloudEventsHeaders.SOURCE, map("type", "string", "const", CloudEventsHeaders.source(publisher(topic))));
        headers.put(CloudEventsHeaders.TYPE, map("type", "string", "const", CloudEventsHeaders.type(event)));
        return map(
                "name", published.type(),
                "title", published.type() + " v" + published.version(),
                "contentType", CloudEventsHeaders.JSON,
                "headers",
                        map(
                                "allOf",
                                List.of(
                                        ref("#/components/schemas/RecordHeaders"),
                                        map("type", "object", "properties", headers))),
                "payload",
                        map(
                                "allOf",
                                List.of(
                                        ref("#/components/schemas/EventEnvelope"),
                                        map(
                                                "type",
                                                "object",
                                                "properties",
                                                map(
                                                        "type", map("const", published.type()),
                                                        "version", map("const", published.version()),
                                                        "payload", ref("#/components/schemas/" + id))))),
                "bindings",
                        map(
                                "kafka",
                                map(
                                        "key",
                                        ref("#/components/schemas/CaseId"),
                                        "bindingVersion",
                                        KAFKA_BINDING_VERSION)));
    }

    /** The headers of every record: the platform's own and the CloudEvents binary-mode attributes. */
    private static Map<String, Object> recordHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(
                Topics.HEADER_EVENT_ID,
                map("type", "string", "format", "uuid", "description", "The envelope's eventId."));
        headers.put(Topics.HEADER_EVENT_TYPE, map("type", "string", "description", "The envelope's type."));
        headers.put(
                Topics.HEADER_SCHEMA_VERSION,
                map("type", "string", "description", "The envelope's version, in decimal digits."));
        headers.put(
                CloudEventsHeaders.SPEC_VERSION, map("type", "string", "const", CloudEventsHeaders.SPEC_VERSION_1_0));
        headers.put(
                CloudEventsHeaders.ID,
                map("type", "string", "format", "uuid", "description", "The envelope's eventId."));
        headers.put(
                CloudEventsHeaders.SOURCE,
                map("type", "string", "description", "The publishing service, /aima/<service>."));
        headers.put(
                CloudEventsHeaders.TYPE,
                map("type", "string", "description", "pt.aima.<domain>.<type>.v<version>, stable as the type is."));
        headers.put(
                CloudEventsHeaders.TIME,
                map("type", "string", "format", "date-time", "description", "The envelope's occurredAt."));
        headers.put(
                CloudEventsHeaders.SUBJECT,
                map("type", "string", "format", "uuid", "description", "The case id (also the record's key)."));
        headers.put(CloudEventsHeaders.CONTENT_TYPE, map("type", "string", "const", CloudEventsHeaders.JSON));
        return map(
                "type",
                "object",
                "description",
                "Kafka record headers; the ce_* ones are the CloudEvents Kafka binding's binary mode.",
                "required",
                List.copyOf(headers.keySet()),
                "properties",
                headers);
    }

    private static Map<String, Object> envelope() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("eventId", map("type", "string", "format", "uuid", "description", "Stable across re-sends."));
        properties.put("type", map("type", "string", "description", "The event's logical type."));
        properties.put("version", map("type", "integer", "description", "The event's schema version."));
        properties.put("caseId", ref("#/components/schemas/CaseId"));
        properties.put("occurredAt", map("type", "string", "format", "date-time"));
        properties.put(
                "actor",
                map(
                        "type",
                        "object",
                        "required",
                        List.of("subject", "role"),
                        "properties",
                        map("subject", map("type", "string"), "role", map("type", "string")),
                        "description",
                        "Who caused the event (a person's token subject and role, or a service)."));
        properties.put(
                "correlationId",
                map("type", "string", "description", "The business flow, carried from the first request on."));
        properties.put(
                "causationId", map("type", "string", "description", "The message that directly caused this one."));
        properties.put("payload", map("type", "object", "description", "The event (see each message)."));
        return map("type", "object", "required", List.copyOf(properties.keySet()), "properties", properties);
    }

    /** A record's schema: its components as the codec writes them, in declaration order. */
    private Map<String, Object> object(Class<?> record) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.put(component.getName(), schema(component.getGenericType()));
            if (component.getType().isPrimitive() || component.getName().equals("caseId")) {
                required.add(component.getName());
            }
        }
        return map("type", "object", "required", required, "properties", properties);
    }

    private Object schema(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Set.class.isAssignableFrom(raw)
                        ? map("type", "array", "uniqueItems", true, "items", schema(arguments[0]))
                        : map("type", "array", "items", schema(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return map("type", "object", "additionalProperties", schema(arguments[1]));
            }
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("no schema for " + type + ": add it to AsyncApiDocument");
        }
        if (c == String.class) {
            return map("type", "string");
        }
        if (c == UUID.class) {
            return map("type", "string", "format", "uuid");
        }
        if (c == LocalDate.class) {
            return map("type", "string", "format", "date");
        }
        if (c == Instant.class || c == OffsetDateTime.class) {
            return map("type", "string", "format", "date-time");
        }
        if (c == LocalDateTime.class) {
            return map("type", "string", "description", "Local date and time in Portugal, e.g. 2026-11-23T09:30:00.");
        }
        if (c == LocalTime.class) {
            return map("type", "string", "description", "Local time in Portugal, e.g. 09:30:00.");
        }
        if (c == Duration.class) {
            return map("type", "string", "format", "duration");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class) {
            return map("type", "integer");
        }
        if (c == boolean.class || c == Boolean.class) {
            return map("type", "boolean");
        }
        if (c == double.class || c == Double.class || c == BigDecimal.class) {
            return map("type", "number");
        }
        String name = schemaName(c);
        Class<?> owner = schemaOwners.putIfAbsent(name, c);
        if (owner != null && owner != c) {
            throw new IllegalArgumentException(name + " names both " + owner.getName() + " and " + c.getName());
        }
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of()); // claimed first, so a recursive type ends
            schemas.put(name, named(c));
        }
        return ref("#/components/schemas/" + name);
    }

    private Object named(Class<?> c) {
        if (c.isEnum()) {
            return map(
                    "type",
                    "string",
                    "enum",
                    Arrays.stream(c.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .toList());
        }
        if (c.isRecord()) {
            for (Method method : c.getMethods()) {
                if (method.isAnnotationPresent(JsonValue.class)) {
                    // A typed id: written as its one value.
                    return schema(c.getRecordComponents()[0].getGenericType());
                }
            }
            return object(c);
        }
        throw new IllegalArgumentException("no schema for " + c.getName() + ": add it to AsyncApiDocument");
    }

    /** {@code HouseholdMember}; a nested type with its owner, {@code DeskCapacityChanged.Change}. */
    private static String schemaName(Class<?> c) {
        return c.getEnclosingClass() == null
                ? c.getSimpleName()
                : c.getEnclosingClass().getSimpleName() + "." + c.getSimpleName();
    }

    private static Map<String, Object> ref(String target) {
        return map("$ref", target);
    }

    /** An ordered map of name, value pairs (the document keeps the order it is written in). */
    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
