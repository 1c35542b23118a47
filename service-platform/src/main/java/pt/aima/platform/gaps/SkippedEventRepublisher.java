package pt.aima.platform.gaps;

import java.time.Instant;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.operations.OperationRefused;
import pt.aima.platform.operations.OperatorActionLog;

/**
 * Repairs a skipped event: the processor's own handlers handle it (the relay sends it to Kafka, a projection applies
 * it) in one transaction with the record of the repair, {@link SkippedEventRepublished} in the stream {@code
 * skipped-event:<processor>:<globalIndex>}. Handlers are idempotent as they must be for any redelivery: consumers
 * deduplicate on the event id, projections upsert by aggregate and sequence.
 */
public class SkippedEventRepublisher {

    static final String STREAM_TYPE = "SkippedEvent";

    private final EventProcessingConfiguration processing;
    private final EventAtIndex events;
    private final SkippedEventStore store;
    private final OperatorActionLog log;
    private final TransactionTemplate transaction;

    public SkippedEventRepublisher(
            EventProcessingConfiguration processing,
            EventAtIndex events,
            SkippedEventStore store,
            OperatorActionLog log,
            TransactionTemplate transaction) {
        this.processing = processing;
        this.events = events;
        this.store = store;
        this.log = log;
        this.transaction = transaction;
    }

    public SkippedEvent republish(String processor, long globalIndex, String reason, ActingContext operator) {
        SkippedEvent skipped = store.find(processor, globalIndex)
                .filter(found -> !SkippedEvent.WATCHING.equals(found.state()))
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "Processor " + processor + " has no skipped event at global index " + globalIndex + "."));
        if (SkippedEvent.REPUBLISHED.equals(skipped.state())) {
            throw alreadyRepublished(skipped);
        }
        EventHandlerInvoker handlers = processing
                .eventProcessor(processor, AbstractEventProcessor.class)
                .map(AbstractEventProcessor::eventHandlerInvoker)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No event processor " + processor + " in this service."));
        TrackedEventMessage<?> event = events.read(globalIndex)
                .orElseThrow(() -> new IllegalStateException("no event at global index " + globalIndex));
        Instant at = Instant.now();
        transaction.executeWithoutResult(status -> {
            if (!store.markRepublished(processor, globalIndex, at)) {
                throw alreadyRepublished(skipped);
            }
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                handlers.handle(event, Segment.ROOT_SEGMENT);
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException(
                        processor + " failed to handle global index " + globalIndex, result.exceptionResult());
            }
            log.record(
                    STREAM_TYPE,
                    "skipped-event:" + processor + ":" + globalIndex,
                    new SkippedEventRepublished(processor, globalIndex, event.getIdentifier(), reason),
                    operator);
        });
        return store.find(processor, globalIndex).orElseThrow();
    }

    private static OperationRefused alreadyRepublished(SkippedEvent skipped) {
        return new OperationRefused(
                "SKIPPED_EVENT_ALREADY_REPUBLISHED",
                "Global index " + skipped.globalIndex() + " of " + skipped.processor() + " was republished at "
                        + skipped.republishedAt() + ".");
    }
}
