package pt.aima.platform.aggregate;

import static java.lang.String.format;
import static org.axonframework.common.ReflectionUtils.ensureAccessible;
import static org.axonframework.common.ReflectionUtils.fieldsOf;
import static org.axonframework.common.ReflectionUtils.getFieldValue;
import static org.axonframework.common.ReflectionUtils.methodsOf;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which aggregate a command targets: Axon's {@link AnnotationCommandTargetResolver}, the same members found by the same
 * search (the first method, then the first field, annotated {@link TargetAggregateIdentifier} or {@link
 * TargetAggregateVersion}, meta-annotations included) and the same answers and errors (one message with Axon's "form"
 * corrected to "from"), except that the search is done once per command class instead of on every command. Axon's
 * resolver walks every method and field of the command's class and their annotations twice per command (the version's
 * search, which finds nothing in this project, walks them all): 4.4% and 4.9% of notification-service's and
 * scheduling-service's samples in a profile of the 347,000-case benchmark ({@code bench/command-target-benchmark.sh}
 * compares the two). Axon's aggregate configuration takes it from the Spring context (a bean of this type), for every
 * aggregate.
 */
public final class CommandTargets implements CommandTargetResolver {

    private final ClassValue<Members> members = new ClassValue<>() {
        @Override
        protected Members computeValue(Class<?> type) {
            return new Members(
                    annotated(type, TargetAggregateIdentifier.class), annotated(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Members target = members.get(command.getPayloadType());
        Object payload = command.getPayload();
        Object identifier;
        Long version;
        try {
            identifier = target.identifier().valueOf(payload);
            version = asLong(target.version().valueOf(payload));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(
                    "An exception occurred while extracting aggregate information from a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(
                    "The current security context does not allow extraction of aggregate information from the given"
                            + " command.",
                    e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(format(
                    "Invalid command. It does not identify the target aggregate. Make sure at least one of the fields or"
                            + " methods in the [%s] class contains the @TargetAggregateIdentifier annotation and that"
                            + " it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier.toString(), version);
    }

    /** The command's members that give its target, found once for its class. */
    private record Members(Member identifier, Member version) {}

    /** Reads one annotated member of a command, or nothing when the class has none. */
    @FunctionalInterface
    private interface Member {
        Object valueOf(Object command) throws InvocationTargetException, IllegalAccessException;
    }

    private static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                Method accessible = ensureAccessible(method);
                return command -> accessible.invoke(command);
            }
        }
        for (Field field : fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return command -> getFieldValue(field, command);
            }
        }
        return command -> null;
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(value.toString());
    }
}
