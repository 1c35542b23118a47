package pt.aima.platform.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far behind its event store a projection may fall before health says DEGRADED, and how often that is looked at.
 *
 * @param lagThresholdEvents a projection more global indexes than this behind the head of the event store is DEGRADED
 * @param lagThresholdSeconds a projection whose oldest unprocessed event is older than this is DEGRADED
 * @param checkInterval how often positions and lags are computed (health, the gauges and {@code GET
 *     /operations/projections} show the last computation; a scrape computes nothing)
 */
@ConfigurationProperties("aima.projections")
public record ProjectionsProperties(
        @DefaultValue("1000") long lagThresholdEvents,
        @DefaultValue("60") long lagThresholdSeconds,
        @DefaultValue("5s") Duration checkInterval) {}
