package pt.aima.platform.gaps;

import java.time.Instant;

/**
 * A global index a streaming processor passed while no committed event held it, and what became of it.
 *
 * @param state {@code WATCHING} (passed, nothing committed there yet), {@code SKIPPED} (committed after the processor
 *     passed it: never handled), {@code REPUBLISHED} (handled on an operator's command)
 * @param passedAt when the detector saw the processor past it with nothing there
 * @param detectedAt when the detector found the event committed there
 */
public record SkippedEvent(
        String processor,
        long globalIndex,
        String state,
        Instant passedAt,
        Instant detectedAt,
        String eventIdentifier,
        String eventType,
        String aggregateIdentifier,
        Instant republishedAt) {

    public static final String WATCHING = "WATCHING";
    public static final String SKIPPED = "SKIPPED";
    public static final String REPUBLISHED = "REPUBLISHED";
}
