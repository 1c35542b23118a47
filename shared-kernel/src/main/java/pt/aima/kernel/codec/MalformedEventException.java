package pt.aima.kernel.codec;

/** A record that cannot be read as an integration event: a consumer dead-letters it, never retries it. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
