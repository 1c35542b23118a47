package pt.aima.platform.eventstore;

import java.util.Optional;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * The event store's serializer: it records a {@link StoredAs} type under its logical name and Axon's
 * {@code @Revision}, and reads that name back as whatever class carries it today. The payload itself is written and
 * read by the delegate (Axon's Jackson serializer); types without a logical name (Axon's own, such as
 * {@code MetaData}) keep their class names.
 *
 * <p>A stored type that resolves to no class is reported as Axon does, {@link UnknownSerializedType} from
 * {@link #classForType}, so a processor skips what it has no handler for without reading it. Reading its payload,
 * though, fails with {@link UnknownStoredTypeException} instead of handing out a placeholder: a handler of every event
 * (the Kafka relay, the audit history) would otherwise pass over it, and an event would go unpublished unnoticed.
 */
public final class StoredTypeSerializer implements Serializer {

    private final Serializer delegate;
    private final StoredTypes types;
    private final RevisionResolver revisions;

    public StoredTypeSerializer(Serializer delegate, StoredTypes types) {
        this(delegate, types, new AnnotationRevisionResolver());
    }

    public StoredTypeSerializer(Serializer delegate, StoredTypes types, RevisionResolver revisions) {
        this.delegate = delegate;
        this.types = types;
        this.revisions = revisions;
    }

    public StoredTypes types() {
        return types;
    }

    /** The serializer that writes and reads the payloads (the event store's: encrypting personal fields). */
    public Serializer delegate() {
        return delegate;
    }

    /** The revision events of {@code type} are written with today. */
    public String revisionOf(Class<?> type) {
        return revisions.revisionOf(type);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
        if (object == null) {
            return serialized;
        }
        Optional<String> name = types.nameOf(object.getClass());
        return name.<SerializedObject<T>>map(logical -> new SimpleSerializedObject<>(
                        serialized.getData(),
                        serialized.getContentType(),
                        logical,
                        serialized.getType().getRevision()))
                .orElse(serialized);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        Optional<Class<?>> named = types.classNamed(type.getName());
        if (named.isPresent()) {
            return delegate.deserialize(new SimpleSerializedObject<>(
                    serializedObject.getData(),
                    serializedObject.getContentType(),
                    named.get().getName(),
                    type.getRevision()));
        }
        T payload = delegate.deserialize(serializedObject);
        if (payload instanceof UnknownSerializedType) {
            throw new UnknownStoredTypeException(type);
        }
        return payload;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Optional<Class<?>> named = types.classNamed(type.getName());
        return named.isPresent() ? named.get() : delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        if (type == null) {
            return delegate.typeForClass(null);
        }
        Optional<String> name = types.nameOf(type);
        return name.isPresent()
                ? new SimpleSerializedType(name.get(), revisions.revisionOf(type))
                : delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
