package pt.aima.kernel.envelope;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name and schema version an integration event travels under. The Java class name never reaches the
 * wire, so moving or renaming a class cannot break a consumer.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublishedEvent {

    /** Logical type name, unique across the platform, for example {@code ApplicationRegistered}. */
    String type();

    /** Schema version of the payload; starts at 1 and only grows. */
    int version();
}
