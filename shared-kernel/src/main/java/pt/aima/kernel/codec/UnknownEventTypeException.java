package pt.aima.kernel.codec;

/**
 * A well-formed envelope of an event type this build does not know. Consumers that do not subscribe to the type skip
 * it (publishers may add event types at any time); an unknown version of a known type is malformed for them.
 */
public class UnknownEventTypeException extends MalformedEventException {

    private final String type;
    private final int version;

    public UnknownEventTypeException(String type, int version) {
        super("unknown integration event " + type + " v" + version);
        this.type = type;
        this.version = version;
    }

    public String type() {
        return type;
    }

    public int version() {
        return version;
    }
}
