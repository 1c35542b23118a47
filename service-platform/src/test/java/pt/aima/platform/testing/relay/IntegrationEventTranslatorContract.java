package pt.aima.platform.testing.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import pt.aima.platform.relay.IntegrationEventTranslator;

/**
 * What each service's translator must keep true of {@link IntegrationEventTranslator#keptInside()}: every type it names
 * translates to nothing, whatever the event holds. The relay never reads events of those types, so a type named there
 * by mistake would silently stop being published.
 *
 * <p>Samples are built from the records' components: text, ids, dates, numbers, lists of one sample element, the first
 * kind of a sealed type; an instance for each constant of every enum component (a channel, a kind), so a translation that depends on one is
 * caught. A type that is not a record, or whose constructor refuses the sample, fails the check by name.
 */
public final class IntegrationEventTranslatorContract {

    private IntegrationEventTranslatorContract() {}

    public static void assertKeptInsideTranslateToNothing(IntegrationEventTranslator translator) {
        assertThat(translator.keptInside())
                .as("a translator keeps inside the types it never publishes")
                .isNotEmpty();
        for (Class<?> kept : translator.keptInside()) {
            List<Object> samples = samples(kept);
            assertThat(samples).as("samples of %s", kept.getName()).isNotEmpty();
            for (Object sample : samples) {
                assertThat(translator.translate(sample))
                        .as("%s is kept inside, yet %s would be published", kept.getSimpleName(), sample)
                        .isEmpty();
            }
        }
    }

    /** One sample of the type, and one more for each constant of each of its enum components beyond the first. */
    static List<Object> samples(Class<?> type) {
        if (!type.isRecord()) {
            throw new AssertionError(type.getName() + " is not a record: give the contract a way to build it");
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] base = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            base[i] = value(components[i].getType(), components[i].getGenericType());
        }
        List<Object> samples = new ArrayList<>();
        samples.add(construct(type, components, base));
        for (int i = 0; i < components.length; i++) {
            Object[] constants = components[i].getType().getEnumConstants();
            if (constants == null) {
                continue;
            }
            for (int c = 1; c < constants.length; c++) {
                Object[] varied = base.clone();
                varied[i] = constants[c];
                samples.add(construct(type, components, varied));
            }
        }
        return samples;
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] values) {
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new AssertionError("could not build a sample " + type.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("could not build a sample " + type.getName(), e);
        }
    }

    private static Object value(Class<?> type, Type generic) {
        if (type == String.class) {
            return "sample";
        }
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == double.class || type == Double.class) {
            return 1.0;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-05-01T10:00:00Z");
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 5, 1);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.of(2026, 5, 1, 9, 0);
        }
        if (type == Duration.class) {
            return Duration.ofMinutes(15);
        }
        if (type == LocalTime.class) {
            return LocalTime.of(9, 0);
        }
        if (type == ZoneOffset.class) {
            return ZoneOffset.UTC;
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == List.class || type == Set.class) {
            Object element = generic instanceof ParameterizedType parameterized
                            && parameterized.getActualTypeArguments()[0] instanceof Class<?> elementType
                    ? value(elementType, elementType)
                    : "sample";
            return type == List.class ? List.of(element) : Set.of(element);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            return samples(type).getFirst();
        }
        if (type.isSealed()) {
            Class<?> first = type.getPermittedSubclasses()[0];
            return value(first, first);
        }
        throw new AssertionError("no sample value for a component of type " + type.getName());
    }
}
