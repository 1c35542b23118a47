package pt.aima.platform.eventstore;

import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;

/**
 * A stored payload names a type that no class carries: neither a {@link StoredAs} name of this service nor a class on
 * its classpath. Usually a class was renamed or deleted without its logical name, or a name was changed.
 */
public final class UnknownStoredTypeException extends SerializationException {

    private final SerializedType type;

    public UnknownStoredTypeException(SerializedType type) {
        super("The event store holds a payload of type '" + type.getName() + "' (revision " + type.getRevision()
                + "), which no class of this service declares: give the class that reads it @StoredAs(\""
                + type.getName() + "\"), or map the name in a migration");
        this.type = type;
    }

    public SerializedType type() {
        return type;
    }
}
