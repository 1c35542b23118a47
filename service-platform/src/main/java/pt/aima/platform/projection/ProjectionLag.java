package pt.aima.platform.projection;

import java.time.Instant;
import java.util.List;

/**
 * Where one projection (a streaming event processor: a read model's processing group, or the Kafka relay) stands
 * against its source, the service's event store.
 *
 * @param name the processing group
 * @param running whether its processor runs on this instance
 * @param replaying whether it is replaying after a reset
 * @param position the global index every segment has passed (the lowest segment's); null while no segment has a
 *     token
 * @param head the highest global index in the event store
 * @param lagEvents {@code head - position}: how many global indexes it still has to read
 * @param lagSeconds how long the oldest event it has not processed has waited; 0 when caught up
 * @param oldestUnprocessedAt when that event was stored; null when caught up
 * @param status {@code UP}, or {@code DEGRADED} beyond either threshold ({@code aima.projections.lag-threshold-*})
 * @param segments each segment's position
 * @param checkedAt when this was computed
 */
public record ProjectionLag(
        String name,
        boolean running,
        boolean replaying,
        Long position,
        long head,
        long lagEvents,
        long lagSeconds,
        Instant oldestUnprocessedAt,
        String status,
        List<Segment> segments,
        Instant checkedAt) {

    /**
     * One segment of the processor.
     *
     * @param position the global index of its token; null for a token that has read nothing yet
     * @param owner the instance holding its claim (null if none does)
     * @param error why it stopped, if it is in error on this instance
     */
    public record Segment(int segment, Long position, long lagEvents, String owner, String error) {}

    public boolean degraded() {
        return "DEGRADED".equals(status);
    }
}
