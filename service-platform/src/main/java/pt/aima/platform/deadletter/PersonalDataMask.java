package pt.aima.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Shows a dead letter's payload to an operator without the personal data in it: the value of every field whose name
 * says it holds personal data (names, contacts, dates of birth, nationality, residence history, addresses, identity
 * documents) is replaced, whole objects and lists included. Matching is by name, anywhere in the tree, so a new event
 * with a field {@code motherFullName} is masked without a change here; ids, types, dates of the case and reasons stay
 * readable.
 */
public final class PersonalDataMask {

    public static final String MASK = "***";

    /** Lower-case fragments of field names that hold personal data. */
    static final List<String> PERSONAL = List.of(
            "name",
            "email",
            "phone",
            "birth",
            "nationalit",
            "residence",
            "address",
            "contact",
            "passport",
            "documentnumber",
            "taxnumber",
            "nif");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PersonalDataMask() {}

    /** The payload as JSON with personal fields masked; a payload that is not JSON is not shown at all. */
    public static JsonNode masked(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mask(JSON.readTree(payload));
        } catch (JacksonException e) {
            return StringNode.valueOf("(not JSON: " + payload.length + " bytes, not shown)");
        }
    }

    /** Lower-case fragments of field names that hold contact data (how to reach a person). */
    static final List<String> CONTACT = List.of("email", "phone");

    /**
     * {@code tree} with the text of every contact field (e-mail addresses, phone numbers) masked, for readers whose
     * role has no need to reach the applicant; flags such as {@code emailGiven} stay.
     */
    public static JsonNode contactsMasked(JsonNode tree) {
        if (tree instanceof ObjectNode object) {
            for (String field : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(field);
                String key = field.toLowerCase(Locale.ROOT);
                if (value.isString() && CONTACT.stream().anyMatch(key::contains)) {
                    object.put(field, MASK);
                } else {
                    contactsMasked(value);
                }
            }
        } else if (tree instanceof ArrayNode array) {
            array.forEach(PersonalDataMask::contactsMasked);
        }
        return tree;
    }

    public static JsonNode masked(String payload) {
        return payload == null ? null : masked(payload.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isPersonal(String field) {
        String key = field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return PERSONAL.stream().anyMatch(key::contains);
    }

    private static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(field);
                if (!isPersonal(field)) {
                    mask(value);
                } else if (!value.isNull()) {
                    object.put(field, MASK);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PersonalDataMask::mask);
        }
        return node;
    }
}
