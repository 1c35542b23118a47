package pt.aima.platform.privacy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Encrypts the {@link Personal} components of what the event store writes with the key of its {@link DataSubject},
 * and decrypts them on read. Stored, such an event is the delegate's JSON without its personal fields, plus one field
 * {@value #SEALED}: {@code {"subject": "<data subject>", "data": "<base64 of AES-256-GCM(key, personal fields as
 * JSON)>"}}. Everything else (ids, dates of the case, facts the rules and read models use) stays readable, so an
 * erased event still replays. When the subject's key is gone the personal fields read as {@link Personal#ERASED}
 * (text) or null.
 *
 * <p>The event store's hash chain is computed over these stored bytes, so destroying the key changes no stored byte
 * and the history still verifies. Types without personal components pass through untouched.
 */
public final class PersonalDataSerializer implements Serializer {

    static final String SEALED = "__personalData";

    private final Serializer delegate;
    private final ObjectMapper json;
    private final ObjectReader trees;
    private final PersonalDataKeys keys;
    private final ClassValue<Optional<Plan>> plans = new ClassValue<>() {
        @Override
        protected Optional<Plan> computeValue(Class<?> type) {
            return Plan.of(type, 0).filter(plan -> plan.subject != null);
        }
    };

    public PersonalDataSerializer(Serializer delegate, ObjectMapper json, PersonalDataKeys keys) {
        this.delegate = delegate;
        this.json = json;
        this.trees = json.reader(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.keys = keys;
    }

    /**
     * The data subject of an event whose {@link DataSubject} is null, from the component its {@link
     * DataSubject#orElse()} names and that component's value, or of an event whose {@link DataSubject} is {@link
     * DataSubject#indirect() indirect}: whoever erases that value's data erases this subject.
     */
    public static String fallbackSubject(String component, String value) {
        return component + ":" + value;
    }

    /**
     * The data subject of what is stored under a case's key: the events that name their case in a component {@code
     * caseId} ({@link DataSubject#indirect()}, or {@link DataSubject#orElse()} {@code = "caseId"}). Erasing the case's
     * applicant erases this subject too.
     */
    public static String caseSubject(Object caseId) {
        return fallbackSubject("caseId", caseId.toString());
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<Plan> plan = object == null ? Optional.empty() : plans.get(object.getClass());
        if (plan.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        ObjectNode tree = (ObjectNode) read(plain.getData());
        String subject = plan.get().subjectOf(tree);
        ObjectNode personal = json.createObjectNode();
        plan.get().extract(tree, personal);
        if (!personal.isEmpty()) {
            if (subject == null) {
                throw new IllegalStateException(object.getClass().getSimpleName() + " holds personal data of nobody");
            }
            byte[] sealed = PersonalDataKeys.seal(keys.keyFor(subject), write(personal), subject);
            tree.putObject(SEALED).put("subject", subject).put("data", sealed);
        }
        byte[] stored = write(tree);
        return new SimpleSerializedObject<>(
                getConverter().convert(stored, byte[].class, expectedRepresentation),
                expectedRepresentation,
                plain.getType());
    }

    /**
     * The stored bytes of an event of {@code type} written before its personal fields were encrypted, with those fields
     * encrypted as {@link #serialize} would have stored them; empty when there is nothing to encrypt (a type without
     * personal components, an event already sealed, personal fields all absent or null). When the subject's data was
     * already erased, the fields are sealed under a key that is thrown away at once: they read as erased, as the
     * subject's other events do. Refused ({@link IllegalStateException}) when the event names no data subject.
     */
    public Optional<byte[]> sealStored(Class<?> type, byte[] stored) {
        Optional<Plan> plan = plans.get(type);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        if (!(read(stored) instanceof ObjectNode tree) || tree.has(SEALED)) {
            return Optional.empty();
        }
        ObjectNode personal = json.createObjectNode();
        String subject = plan.get().subjectOf(tree);
        plan.get().extract(tree, personal);
        if (personal.isEmpty()) {
            return Optional.empty();
        }
        if (subject == null) {
            throw new IllegalStateException(type.getSimpleName() + " holds personal data of nobody");
        }
        SecretKey key;
        try {
            key = keys.keyFor(subject);
        } catch (PersonalDataKeys.SubjectErased erased) {
            key = PersonalDataKeys.throwAwayKey();
        }
        byte[] sealed = PersonalDataKeys.seal(key, write(personal), subject);
        tree.putObject(SEALED).put("subject", subject).put("data", sealed);
        return Optional.of(write(tree));
    }

    /** Whether events of {@code type} can hold personal fields (they are then stored sealed). */
    public boolean holdsPersonalData(Class<?> type) {
        return plans.get(type).isPresent();
    }

    /**
     * What the personal components of {@code type} are, in a text that is equal for equal annotations in every JVM (the
     * variants of a sealed interface are kept sorted by type id for it).
     */
    public String personalFieldsOf(Class<?> type) {
        return plans.get(type).map(Plan::toString).orElse("");
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Optional<Plan> plan = plans.get(delegate.classForType(serializedObject.getType()));
        if (plan.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        byte[] data =
                getConverter().convert(serializedObject.getData(), serializedObject.getContentType(), byte[].class);
        JsonNode tree = read(data);
        if (!(tree instanceof ObjectNode object) || !(object.remove(SEALED) instanceof ObjectNode sealed)) {
            return delegate.deserialize(serializedObject);
        }
        String subject = sealed.get("subject").asText();
        Optional<SecretKey> key = keys.existingKey(subject);
        if (key.isPresent()) {
            byte[] personal = PersonalDataKeys.open(key.get(), binary(sealed.get("data")), subject);
            merge(object, read(personal));
        } else {
            plan.get().markErased(object);
        }
        return delegate.deserialize(
                new SimpleSerializedObject<>(write(object), byte[].class, serializedObject.getType()));
    }

    /** Puts the decrypted fields back where {@link Plan#extract} took them from. */
    private static void merge(ObjectNode target, JsonNode personal) {
        personal.fields().forEachRemaining(field -> {
            JsonNode existing = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode object && value.isObject()) {
                merge(object, value);
            } else if (existing instanceof ArrayNode array && value.isArray()) {
                for (int i = 0; i < array.size() && i < value.size(); i++) {
                    if (array.get(i) instanceof ObjectNode element) {
                        merge(element, value.get(i));
                    }
                }
            } else {
                target.set(field.getKey(), value);
            }
        });
    }

    /**
     * The JSON as a tree, every number with a fraction as the decimal written: an event goes through this tree between
     * the delegate's bytes and the stored ones, and a double would round what the delegate wrote (an {@code Instant},
     * written as seconds with nine decimals, would come back 100 ns off).
     */
    private JsonNode read(byte[] data) {
        try {
            return trees.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write(JsonNode tree) {
        try {
            return json.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    /**
     * Where a record type keeps personal data: its {@link Personal} components, and the records (alone or in lists)
     * below it that hold some. JSON property names are the component names (the event store's mapper reads fields).
     *
     * <p>A component typed by a sealed interface whose records Jackson tells apart by a type id ({@code @JsonTypeInfo}
     * with a property, each record named in {@code @JsonSubTypes} or by {@code @JsonTypeName}) has one plan per record,
     * its {@code variants}, chosen by the id the stored JSON holds.
     */
    record Plan(
            String subject,
            boolean subjectIndirect,
            String subjectOrElse,
            List<Part> parts,
            String typeProperty,
            Map<String, Plan> variants) {

        record Part(String name, boolean personal, boolean text, Plan nested) {}

        private static final Plan NOTHING = new Plan(null, false, "", List.of(), "", Map.of());

        /**
         * Whose data the event holds: its {@link DataSubject} component ({@code "<name>:<value>"} when {@link
         * DataSubject#indirect() indirect}), or while that is null the component its {@link DataSubject#orElse()}
         * names, as {@code "<name>:<value>"}; null when neither is there.
         */
        String subjectOf(ObjectNode tree) {
            JsonNode subjectNode = tree.get(subject);
            if (subjectNode != null && !subjectNode.isNull()) {
                if (!subjectIndirect) {
                    return subjectNode.asText();
                }
                return subjectNode.isContainerNode() ? null : fallbackSubject(subject, subjectNode.asText());
            }
            JsonNode orElse = subjectOrElse.isEmpty() ? null : tree.get(subjectOrElse);
            return orElse == null || orElse.isNull() || orElse.isContainerNode()
                    ? null
                    : fallbackSubject(subjectOrElse, orElse.asText());
        }

        /** The plan of the record {@code node} holds: this one, or the variant its type id names. */
        private Plan variantOf(ObjectNode node) {
            if (variants.isEmpty()) {
                return this;
            }
            JsonNode id = node.get(typeProperty);
            return id == null ? NOTHING : variants.getOrDefault(id.asText(), NOTHING);
        }

        static Optional<Plan> of(Class<?> type, int depth) {
            if (depth > 8) {
                return Optional.empty();
            }
            if (type.isInterface() && type.isSealed()) {
                return variantsOf(type, depth);
            }
            if (!type.isRecord()) {
                return Optional.empty();
            }
            String subject = null;
            boolean subjectIndirect = false;
            String subjectOrElse = "";
            List<Part> parts = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                DataSubject dataSubject = component.getAnnotation(DataSubject.class);
                if (dataSubject != null) {
                    subject = component.getName();
                    subjectIndirect = dataSubject.indirect();
                    subjectOrElse = dataSubject.orElse();
                }
                if (component.isAnnotationPresent(Personal.class)) {
                    parts.add(new Part(component.getName(), true, component.getType() == String.class, null));
                    continue;
                }
                Optional<Plan> nested = of(component.getType(), depth + 1)
                        .or(() -> elementType(component.getGenericType()).flatMap(e -> of(e, depth + 1)));
                nested.ifPresent(plan -> parts.add(new Part(component.getName(), false, false, plan)));
            }
            return parts.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Plan(subject, subjectIndirect, subjectOrElse, List.copyOf(parts), "", Map.of()));
        }

        /**
         * The plans of a sealed interface's records that hold personal data, by the type id Jackson writes for each.
         * A record with personal data whose id cannot be told from its annotations is refused rather than stored in
         * clear.
         */
        private static Optional<Plan> variantsOf(Class<?> type, int depth) {
            JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
            if (info == null || info.use() != JsonTypeInfo.Id.NAME || info.include() != JsonTypeInfo.As.PROPERTY) {
                return Optional.empty();
            }
            Map<Class<?>, String> listed = new HashMap<>();
            JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
            if (subTypes != null) {
                for (JsonSubTypes.Type subType : subTypes.value()) {
                    if (!subType.name().isEmpty()) {
                        listed.put(subType.value(), subType.name());
                    }
                }
            }
            Map<String, Plan> variants = new HashMap<>();
            for (Class<?> record : type.getPermittedSubclasses()) {
                Optional<Plan> plan = of(record, depth + 1);
                if (plan.isEmpty()) {
                    continue;
                }
                JsonTypeName named = record.getAnnotation(JsonTypeName.class);
                String name = listed.getOrDefault(record, named == null ? null : named.value());
                if (name == null) {
                    throw new IllegalStateException(record.getName() + " holds personal data and has no type name"
                            + " in @JsonSubTypes or @JsonTypeName: its stored JSON could not be told apart");
                }
                variants.put(name, plan.get());
            }
            String property = info.property().isEmpty() ? info.use().getDefaultPropertyName() : info.property();
            return variants.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Plan(
                            null,
                            false,
                            "",
                            List.of(),
                            property,
                            Collections.unmodifiableMap(new TreeMap<>(variants))));
        }

        private static Optional<Class<?>> elementType(Type type) {
            if (type instanceof ParameterizedType list
                    && list.getRawType() instanceof Class<?> raw
                    && java.util.Collection.class.isAssignableFrom(raw)
                    && list.getActualTypeArguments()[0] instanceof Class<?> element) {
                return Optional.of(element);
            }
            return Optional.empty();
        }

        /** Moves the personal fields of {@code node} into {@code personal}, keeping the tree's shape. */
        void extract(ObjectNode node, ObjectNode personal) {
            for (Part part : variantOf(node).parts) {
                JsonNode value = node.get(part.name);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (part.personal) {
                    personal.set(part.name, node.remove(part.name));
                } else if (value instanceof ObjectNode object) {
                    ObjectNode child = personal.objectNode();
                    part.nested.extract(object, child);
                    if (!child.isEmpty()) {
                        personal.set(part.name, child);
                    }
                } else if (value instanceof ArrayNode array) {
                    ArrayNode children = personal.arrayNode();
                    boolean any = false;
                    for (JsonNode element : array) {
                        ObjectNode child = personal.objectNode();
                        if (element instanceof ObjectNode object) {
                            part.nested.extract(object, child);
                        }
                        any |= !child.isEmpty();
                        children.add(child);
                    }
                    if (any) {
                        personal.set(part.name, children);
                    }
                }
            }
        }

        /** The subject's key is gone: personal texts read {@link Personal#ERASED}, everything else personal null. */
        void markErased(ObjectNode node) {
            for (Part part : variantOf(node).parts) {
                JsonNode value = node.get(part.name);
                if (part.personal) {
                    if (part.text) {
                        node.put(part.name, Personal.ERASED);
                    } else {
                        node.remove(part.name);
                    }
                } else if (value instanceof ObjectNode object) {
                    part.nested.markErased(object);
                } else if (value instanceof ArrayNode array) {
                    array.forEach(element -> {
                        if (element instanceof ObjectNode object) {
                            part.nested.markErased(object);
                        }
                    });
                }
            }
        }
    }
}
