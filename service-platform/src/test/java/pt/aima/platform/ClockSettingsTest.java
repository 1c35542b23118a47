package pt.aima.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockSettingsTest {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final Clock SYSTEM = Clock.fixed(Instant.parse("2030-07-15T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void isTheSystemClockInLisbonByDefault() {
        Clock clock = new ClockSettings(null, null, null).clock(SYSTEM);

        assertThat(clock.instant()).isEqualTo(SYSTEM.instant());
        assertThat(clock.getZone()).isEqualTo(LISBON);
        assertThat(LocalDate.now(clock))
                .as("23:30 UTC is already the next day in Lisbon's summer")
                .isEqualTo("2030-07-16");
        assertThat(new ClockSettings(null, " ", "Europe/Lisbon").configured()).isFalse();
    }

    @Test
    void standsStillWhenFixed() {
        ClockSettings settings = new ClockSettings("2026-03-02T10:00:00Z", null, "Europe/Lisbon");
        Clock clock = settings.clock(SYSTEM);

        assertThat(settings.configured()).isTrue();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(LocalDate.now(clock)).isEqualTo("2026-03-02");
    }

    @Test
    void startsAtTheGivenInstantAndTicksFromThere() {
        Clock clock = new ClockSettings(null, "2026-03-02T10:00:00+00:00", null).clock(Clock.systemUTC());
        Instant first = clock.instant();

        assertThat(first).isBetween(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:01:00Z"));
        org.awaitility.Awaitility.await().until(() -> clock.instant().isAfter(first));
    }

    @Test
    void refusesBadSettingsNamingTheProperty() {
        assertThatThrownBy(() -> new ClockSettings("2026-03-02", null, null).clock(SYSTEM))
                .hasMessageContaining("aima.clock.fixed");
        assertThatThrownBy(() -> new ClockSettings(null, "soon", null).clock(SYSTEM))
                .hasMessageContaining("aima.clock.start");
        assertThatThrownBy(() -> new ClockSettings("2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z", null).clock(SYSTEM))
                .hasMessageContaining("either fixed or start");
        assertThatThrownBy(() -> new ClockSettings(null, null, "Europe/Nowhere").clock(SYSTEM))
                .hasMessageContaining("aima.clock.zone");
    }
}
