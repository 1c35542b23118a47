package pt.aima.platform.eventstore;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name under which the event store records this type, instead of its Java class name: an internal event, or an
 * aggregate whose state is snapshotted. The name is part of the stored history and never changes; the class may move
 * to another package or be renamed, and its old rows still load. The shape of the payload is versioned separately,
 * by Axon's {@code @Revision} next to this annotation.
 *
 * <p>Convention: {@code <context>.<TypeName>}, the service's bounded context and the type's name when it was first
 * stored, for example {@code scheduling.BiometricSlotBooked}. Names are unique within a service; a service finds
 * them on its own classpath at start-up (see {@link StoredTypes}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StoredAs {

    /** The stable logical name, for example {@code scheduling.BiometricSlotBooked}. */
    String value();
}
