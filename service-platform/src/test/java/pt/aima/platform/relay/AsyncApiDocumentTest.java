package pt.aima.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.EventCatalogue;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;

/**
 * docs/asyncapi.yaml and the kernel's event catalogue agree: every topic is a channel, every published type and
 * version a message on its topic's channel with its CloudEvents type, key and payload fields, and nothing else.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    @Test
    void theDocumentIsTheOneTheCatalogueGives() throws IOException {
        String expected = AsyncApiDocument.yaml();
        if (Boolean.getBoolean("aima.asyncapi.write")) {
            Files.writeString(DOCUMENT, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8))
                .as("docs/asyncapi.yaml is out of date with the event catalogue; regenerate it as its header says")
                .isEqualTo(expected);
    }

    @Test
    void everyTopicIsAChannelAndEveryPublishedEventAMessageOnIt() throws IOException {
        Map<String, Object> document = read();
        assertThat(document).containsEntry("asyncapi", "3.0.0");

        Map<String, Set<String>> documented = new LinkedHashMap<>();
        map(document, "channels")
                .forEach((id, channel) -> documented.put(
                        (String) map(channel).get("address"),
                        map(map(channel), "messages").keySet()));

        Map<String, Set<String>> catalogued = EventCatalogue.PUBLISHED.stream()
                .collect(Collectors.groupingBy(
                        Topics::of, Collectors.mapping(AsyncApiDocument::messageId, Collectors.toSet())));
        assertThat(documented).isEqualTo(catalogued);
    }

    @Test
    void everyMessageCarriesItsCloudEventsTypeItsKeyAndItsEventsFields() throws IOException {
        Map<String, Object> components = map(read(), "components");
        Map<String, Object> messages = map(components, "messages");
        Map<String, Object> schemas = map(components, "schemas");
        assertThat(messages).hasSameSizeAs(EventCatalogue.PUBLISHED);
        assertThat(map(map(schemas, "RecordHeaders"), "properties"))
                .containsKeys(
                        Topics.HEADER_EVENT_ID,
                        Topics.HEADER_EVENT_TYPE,
                        Topics.HEADER_SCHEMA_VERSION,
                        CloudEventsHeaders.SPEC_VERSION,
                        CloudEventsHeaders.ID,
                        CloudEventsHeaders.SOURCE,
                        CloudEventsHeaders.TYPE,
                        CloudEventsHeaders.TIME,
                        CloudEventsHeaders.SUBJECT,
                        CloudEventsHeaders.CONTENT_TYPE);

        for (Class<? extends IntegrationEvent> event : EventCatalogue.PUBLISHED) {
            PublishedEvent published = event.getAnnotation(PublishedEvent.class);
            String id = AsyncApiDocument.messageId(event);
            Map<String, Object> message = map(messages, id);
            assertThat(message).as(id).containsEntry("name", published.type());

            List<?> headerParts = (List<?>) map(message, "headers").get("allOf");
            assertThat(map(headerParts.get(0))).containsEntry("$ref", "#/components/schemas/RecordHeaders");
            Map<String, Object> headers = map(map(headerParts.get(1)), "properties");
            assertThat(map(headers, CloudEventsHeaders.TYPE))
                    .as(id + " ce_type")
                    .containsEntry("const", CloudEventsHeaders.type(event));
            assertThat(map(headers, CloudEventsHeaders.SOURCE))
                    .as(id + " ce_source")
                    .containsEntry("const", CloudEventsHeaders.source(AsyncApiDocument.publisher(Topics.of(event))));
            assertThat(map(headers, "aima-schema-version"))
                    .as(id + " schema version")
                    .containsEntry("const", Integer.toString(published.version()));
            assertThat(map(map(map(message, "bindings"), "kafka"), "key"))
                    .as(id + " key")
                    .containsEntry("$ref", "#/components/schemas/CaseId");

            List<String> fields = Arrays.stream(event.getRecordComponents())
                    .map(RecordComponent::getName)
                    .toList();
            assertThat(map(map(schemas, id), "properties").keySet())
                    .as(id + " payload fields")
                    .containsExactlyElementsOf(fields);
        }
    }

    private static Map<String, Object> read() throws IOException {
        return new Yaml().load(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
