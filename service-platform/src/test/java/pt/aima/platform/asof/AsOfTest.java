package pt.aima.platform.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import pt.aima.platform.web.InvalidParameter;

class AsOfTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void noParameterMeansNow() {
        assertThat(AsOf.parse(null, NOW)).isEmpty();
    }

    @Test
    void readsAnInstantInUtcOrWithAnOffset() {
        assertThat(AsOf.parse("2026-05-01T00:00:00Z", NOW)).contains(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(AsOf.parse("2026-05-01T01:00:00+01:00", NOW)).contains(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(AsOf.parse("2026-05-01T00:00:00.123456Z", NOW))
                .contains(Instant.parse("2026-05-01T00:00:00.123456Z"));
    }

    @Test
    void nowItselfIsNotTheFuture() {
        assertThat(AsOf.parse(NOW.toString(), NOW)).contains(NOW);
    }

    @Test
    void refusesTheFutureNamingTheParameter() {
        assertThatThrownBy(() -> AsOf.parse("2026-05-01T12:00:00.001Z", NOW))
                .isInstanceOfSatisfying(InvalidParameter.class, e -> {
                    assertThat(e.parameter()).isEqualTo("asOf");
                    assertThat(e.problem()).contains("future");
                });
    }

    @Test
    void refusesWhatIsNotAnInstantWithAnOffset() {
        for (String bad : new String[] {"", "yesterday", "2026-05-01", "2026-05-01T00:00:00", "1714521600"}) {
            assertThatThrownBy(() -> AsOf.parse(bad, NOW)).as(bad).isInstanceOfSatisfying(InvalidParameter.class, e -> {
                assertThat(e.parameter()).isEqualTo("asOf");
                assertThat(e.problem()).contains("ISO-8601");
            });
        }
    }
}
