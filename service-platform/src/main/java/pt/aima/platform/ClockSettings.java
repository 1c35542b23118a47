package pt.aima.platform;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's clock: the one {@link Clock} bean every business decision reads "today" and "now" from (submission
 * dates, eligibility by age, the scheduler's first bookable day, evidence deadlines, desk seeding). By default the
 * system clock; a reproduction of the recovery operation (the same legacy file imported into a fresh system) sets the
 * same clock in every run, so the same dates are decided:
 *
 * <ul>
 *   <li>{@code aima.clock.fixed=2026-03-02T10:00:00Z}: the clock stands still at that instant;
 *   <li>{@code aima.clock.start=2026-03-02T10:00:00Z}: the clock reads that instant when the service starts, and ticks
 *       from there.
 * </ul>
 *
 * The times Axon stamps on stored events stay the system's: they record when the service really stored each event
 * (and Axon's gap detection measures its timeout on them), so an auditor's {@code asOf} is always on that time axis.
 *
 * @param fixed an ISO-8601 instant with offset at which the clock stands still; or null
 * @param start an ISO-8601 instant with offset the clock reads at start-up, then ticking; or null
 * @param zone the zone of domain dates (submission dates, appointment days): mainland Portugal
 */
@ConfigurationProperties("aima.clock")
public record ClockSettings(String fixed, String start, @DefaultValue("Europe/Lisbon") String zone) {

    /** The clock these settings describe, ticking on {@code system} unless fixed. */
    public Clock clock(Clock system) {
        ZoneId domainZone = zoneId();
        Instant fixedAt = instant("aima.clock.fixed", fixed);
        Instant startAt = instant("aima.clock.start", start);
        if (fixedAt != null && startAt != null) {
            throw new IllegalArgumentException("aima.clock: set either fixed or start, not both");
        }
        Clock zoned = system.withZone(domainZone);
        if (fixedAt != null) {
            return Clock.fixed(fixedAt, domainZone);
        }
        if (startAt != null) {
            return Clock.offset(zoned, Duration.between(system.instant(), startAt));
        }
        return zoned;
    }

    /** Whether the clock differs from the system's (a reproduction run). */
    public boolean configured() {
        return (fixed != null && !fixed.isBlank()) || (start != null && !start.isBlank());
    }

    public ZoneId zoneId() {
        try {
            return ZoneId.of(zone == null || zone.isBlank() ? "Europe/Lisbon" : zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("aima.clock.zone: not a time zone: " + zone, e);
        }
    }

    private static Instant instant(String property, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    property + ": not an ISO-8601 instant with an offset (such as 2026-03-02T10:00:00Z): " + value, e);
        }
    }
}
