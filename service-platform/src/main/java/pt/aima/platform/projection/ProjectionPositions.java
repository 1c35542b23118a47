package pt.aima.platform.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads where each streaming processor of the service stands: its segments' tokens against the head of the event
 * store. A segment this instance runs is read from its running work package (the stored token of a segment that gets
 * no events of its own is written only now and then); any other segment, and every segment of a stopped processor,
 * from {@code token_entry}. A handful of queries per round: the token rows, the head, and per processor behind it the
 * time of its oldest unprocessed event.
 */
public class ProjectionPositions {

    /** A segment's token as stored in {@code token_entry}. */
    public record StoredToken(int segment, String owner, TrackingToken token) {

        /** The token's global index; empty for a token that has read nothing. */
        public OptionalLong position() {
            return token == null ? OptionalLong.empty() : token.position();
        }
    }

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Supplier<Serializer> tokenSerializer;
    private final Clock clock;

    /**
     * @param tokenSerializer the serializer of the token store (Axon's general serializer), asked for when first needed
     */
    public ProjectionPositions(
            EventProcessingConfiguration processing,
            JdbcClient jdbc,
            Supplier<Serializer> tokenSerializer,
            Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.clock = clock;
    }

    /** The streaming processors of the service, by name. */
    public Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> streaming = new TreeMap<>();
        for (Map.Entry<String, EventProcessor> processor :
                processing.eventProcessors().entrySet()) {
            if (processor.getValue() instanceof StreamingEventProcessor candidate) {
                streaming.put(processor.getKey(), candidate);
            }
        }
        return streaming;
    }

    /** The highest global index in the event store; 0 while it is empty. */
    public long head() {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry")
                .query(Long.class)
                .single();
    }

    /** Every stored token of {@code processor}, by segment. */
    public List<StoredToken> storedTokens(String processor) {
        return jdbc.sql(
                        """
                select segment, owner, token, token_type from token_entry where processor_name = :processor
                order by segment
                """)
                .param("processor", processor)
                .query((rs, row) -> new StoredToken(
                        rs.getInt("segment"),
                        rs.getString("owner"),
                        token(rs.getBytes("token"), rs.getString("token_type"))))
                .list();
    }

    /** Every streaming processor's position and lag, judged against the two thresholds. */
    public List<ProjectionLag> read(long thresholdEvents, Duration thresholdAge) {
        long head = head();
        Instant now = clock.instant();
        List<ProjectionLag> lags = new ArrayList<>();
        for (Map.Entry<String, StreamingEventProcessor> processor :
                streamingProcessors().entrySet()) {
            lags.add(lag(processor.getKey(), processor.getValue(), head, now, thresholdEvents, thresholdAge));
        }
        return lags;
    }

    private ProjectionLag lag(
            String name,
            StreamingEventProcessor processor,
            long head,
            Instant now,
            long thresholdEvents,
            Duration thresholdAge) {
        Map<Integer, ProjectionLag.Segment> segments = new TreeMap<>();
        for (StoredToken stored : storedTokens(name)) {
            Long position = boxed(stored.position());
            segments.put(
                    stored.segment(),
                    new ProjectionLag.Segment(stored.segment(), position, lagOf(head, position), stored.owner(), null));
        }
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            int id = status.getSegment().getSegmentId();
            ProjectionLag.Segment stored = segments.get(id);
            Long position = boxed(status.getCurrentPosition());
            if (position == null && stored != null) {
                position = stored.position();
            }
            String error = status.isErrorState() && status.getError() != null
                    ? status.getError().getClass().getSimpleName() + ": "
                            + status.getError().getMessage()
                    : null;
            segments.put(
                    id,
                    new ProjectionLag.Segment(
                            id, position, lagOf(head, position), stored == null ? null : stored.owner(), error));
        }
        Long position = segments.isEmpty()
                ? null
                : segments.values().stream()
                        .map(segment -> segment.position() == null ? 0L : segment.position())
                        .min(Long::compare)
                        .orElseThrow();
        long lagEvents = lagOf(head, position);
        Instant oldest = lagEvents > 0 ? oldestAfter(position == null ? 0 : position) : null;
        long lagSeconds =
                oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
        boolean degraded = lagEvents > thresholdEvents || lagSeconds > thresholdAge.toSeconds();
        return new ProjectionLag(
                name,
                processor.isRunning(),
                processor.isReplaying(),
                position,
                head,
                lagEvents,
                lagSeconds,
                oldest,
                degraded ? "DEGRADED" : "UP",
                List.copyOf(segments.values()),
                now);
    }

    /** When the first event after {@code position} was stored; null if there is none. */
    private Instant oldestAfter(long position) {
        return jdbc.sql(
                        """
                select time_stamp from domain_event_entry where global_index > :position
                order by global_index limit 1
                """)
                .param("position", position)
                .query(String.class)
                .optional()
                .map(DateTimeUtils::parseInstant)
                .orElse(null);
    }

    private static long lagOf(long head, Long position) {
        return Math.max(0, head - (position == null ? 0 : position));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private TrackingToken token(byte[] data, String type) {
        if (data == null || type == null) {
            return null;
        }
        return tokenSerializer.get().deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
    }
}
