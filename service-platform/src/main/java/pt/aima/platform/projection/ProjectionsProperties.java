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
 * @param rebuild blue/green rebuilds ({@code POST /operations/projections/{name}/rebuilds})
 */
@ConfigurationProperties("aima.projections")
public record ProjectionsProperties(
        @DefaultValue("1000") long lagThresholdEvents,
        @DefaultValue("60") long lagThresholdSeconds,
        @DefaultValue("5s") Duration checkInterval,
        @DefaultValue Rebuild rebuild) {

    /**
     * @param batchSize events replayed into the copy per transaction
     * @param reportedDifferences how many differing rows a DIFFERENT rebuild lists (it counts them all)
     * @param lockTimeout how long the swap waits for the live tables' locks (a long read in progress) before it gives
     *     up, switching nothing
     * @param staleAfter a rebuild whose instance has not been heard of for this long is taken for INTERRUPTED, so a
     *     new one may start
     */
    public record Rebuild(
            @DefaultValue("500") int batchSize,
            @DefaultValue("20") int reportedDifferences,
            @DefaultValue("10s") Duration lockTimeout,
            @DefaultValue("2m") Duration staleAfter) {}
}
