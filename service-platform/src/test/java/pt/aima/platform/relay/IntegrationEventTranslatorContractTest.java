package pt.aima.platform.relay;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.testing.relay.IntegrationEventTranslatorContract;

/** The contract finds a type kept inside that some of its events would publish, and passes an honest list. */
class IntegrationEventTranslatorContractTest {

    enum Channel {
        PORTAL,
        EMAIL
    }

    record Noted(CaseId caseId, List<String> items) {}

    record Stored(CaseId caseId, Channel channel) {}

    @Test
    void passesATranslatorThatPublishesNothingFromWhatItKeepsInside() {
        IntegrationEventTranslator honest = translator(Set.of(Noted.class), event -> List.of());

        assertThatCode(() -> IntegrationEventTranslatorContract.assertKeptInsideTranslateToNothing(honest))
                .doesNotThrowAnyException();
    }

    @Test
    void findsAKeptTypeThatOneValueOfAnEnumWouldPublish() {
        IntegrationEventTranslator wrong = translator(
                Set.of(Noted.class, Stored.class),
                event -> event instanceof Stored stored && stored.channel() == Channel.EMAIL
                        ? List.of(new BiometricsCollected(stored.caseId(), "LISBOA-1"))
                        : List.of());

        assertThatThrownBy(() -> IntegrationEventTranslatorContract.assertKeptInsideTranslateToNothing(wrong))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Stored is kept inside");
    }

    @Test
    void refusesAKeptTypeItCannotBuild() {
        IntegrationEventTranslator odd = translator(Set.of(Object.class), event -> List.of());

        assertThatThrownBy(() -> IntegrationEventTranslatorContract.assertKeptInsideTranslateToNothing(odd))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.lang.Object is not a record");
    }

    private static IntegrationEventTranslator translator(
            Set<Class<?>> kept, java.util.function.Function<Object, List<IntegrationEvent>> translate) {
        return new IntegrationEventTranslator() {
            @Override
            public List<IntegrationEvent> translate(Object internalEvent) {
                return translate.apply(internalEvent);
            }

            @Override
            public Set<Class<?>> keptInside() {
                return kept;
            }
        };
    }
}
