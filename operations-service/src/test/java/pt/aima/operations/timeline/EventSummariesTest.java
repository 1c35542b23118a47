package pt.aima.operations.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.codec.EventCatalogue;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * Every event type of the published catalogue has a one-line summary, and no summary repeats a fact that names or
 * reaches a person. Events are built from their record components with a distinct sample value for each component,
 * so a summary that printed, say, a date of birth would contain that component's sample.
 */
class EventSummariesTest {

    /** Components whose values are personal data or free text typed by staff: never in a summary. */
    private static final Set<String> NEVER_SHOWN = Set.of(
            "applicantId",
            "dateOfBirth",
            "email",
            "phone",
            "preferredLanguage",
            "reason",
            "reasoning",
            "partnerName",
            "nationality",
            "presentInPortugalSince",
            "residenceHistory",
            "sha256");

    @Test
    void everyEventTypeOfTheCatalogueHasAOneLineSummary() {
        List<String> missing = new ArrayList<>();
        for (Class<? extends IntegrationEvent> type : EventCatalogue.PUBLISHED) {
            Samples samples = new Samples();
            IntegrationEvent event = (IntegrationEvent) samples.of(type, type.getSimpleName());
            var summary = EventSummaries.known(event);
            if (summary.isEmpty()) {
                missing.add(type.getSimpleName());
                continue;
            }
            assertThat(summary.get()).as(type.getSimpleName()).isNotBlank().doesNotContain("\n", "\r");
            for (var sample : samples.shown.entrySet()) {
                if (NEVER_SHOWN.contains(sample.getKey())) {
                    assertThat(summary.get())
                            .as("%s shows %s", type.getSimpleName(), sample.getKey())
                            .doesNotContain(sample.getValue());
                }
            }
        }
        assertThat(missing).as("catalogue types without a summary").isEmpty();
    }

    @Test
    void aTypeWithoutWordingIsNamedNotLeftOut() {
        IntegrationEvent unknown = CaseId::newId;
        assertThat(EventSummaries.summary("SomethingNew", 3, unknown))
                .isEqualTo("SomethingNew v3 (no summary for this event type yet)");
    }

    @Test
    void aRegistrationIsSummarisedByItsFactsAndARefusalByItsGrounds() {
        ApplicationRegistered registered = (ApplicationRegistered) new Samples().of(ApplicationRegistered.class, "r");
        assertThat(EventSummaries.known(registered)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("Application registered imported from SEF case ")
                .contains("1 family member(s) (SPOUSE)")
                .contains("region " + registered.region()));
        assertThat(EventSummaries.known(new DecisionIssued(
                        CaseId.newId(), DecisionIssued.Outcome.REFUSED, List.of("ENTRY_BAN"), "Ana Silva is banned")))
                .contains("Decision issued: REFUSED on grounds ENTRY_BAN");
    }

    /** Builds records with a distinct value per component and remembers how each value prints. */
    private static final class Samples {

        final Map<String, String> shown = new LinkedHashMap<>();
        private int counter;

        Object of(Type type, String name) {
            counter++;
            Object value = value(type, name);
            if (value != null
                    && !(value instanceof Record)
                    && !(value instanceof List<?>)
                    && !(value instanceof Set<?>)) {
                shown.put(name, value.toString());
            }
            return value;
        }

        private Object value(Type type, String name) {
            if (type instanceof ParameterizedType parameterized) {
                Type raw = parameterized.getRawType();
                Type element = parameterized.getActualTypeArguments()[0];
                if (raw == List.class) {
                    return List.of(of(element, name));
                }
                if (raw == Set.class) {
                    return Set.of(of(element, name));
                }
                if (raw == Map.class) {
                    return Map.of();
                }
                throw new IllegalArgumentException("no sample for " + type);
            }
            Class<?> cls = (Class<?>) type;
            if (cls == String.class) {
                return "sample-" + name + "-" + counter;
            }
            if (cls == UUID.class) {
                return UUID.randomUUID();
            }
            if (cls == LocalDate.class) {
                return LocalDate.of(1900, 1, 1).plusDays(counter * 37L);
            }
            if (cls == LocalDateTime.class) {
                return LocalDateTime.of(2026, 1, 1, 9, 0).plusMinutes(counter * 13L);
            }
            if (cls == LocalTime.class) {
                return LocalTime.of(8, counter % 60);
            }
            if (cls == Instant.class) {
                return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(counter * 61L);
            }
            if (cls == int.class || cls == Integer.class) {
                return 1000 + counter;
            }
            if (cls == long.class || cls == Long.class) {
                return 100_000L + counter;
            }
            if (cls == boolean.class || cls == Boolean.class) {
                return true;
            }
            if (cls.isEnum()) {
                return cls.getEnumConstants()[0];
            }
            if (cls.isRecord()) {
                RecordComponent[] components = cls.getRecordComponents();
                Object[] values = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    values[i] = of(components[i].getGenericType(), components[i].getName());
                    types[i] = components[i].getType();
                }
                try {
                    Constructor<?> canonical = cls.getDeclaredConstructor(types);
                    return canonical.newInstance(values);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot build a sample " + cls.getName(), e);
                }
            }
            throw new IllegalArgumentException("no sample for " + cls.getName() + " (" + name + ")");
        }
    }
}
