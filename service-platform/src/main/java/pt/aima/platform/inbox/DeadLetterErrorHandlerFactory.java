package pt.aima.platform.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.MalformedEventException;
import pt.aima.platform.domain.BusinessRuleViolation;

/**
 * What happens to a record a listener could not process.
 *
 * <ul>
 *   <li>Unreadable records and refused commands go to the dead-letter topic at once, with the reason in the {@code
 *       aima-dlt-reason} header (and Spring's exception headers); the partition moves on.
 *   <li>The service's own database being unavailable is waited out, however long: the offset does not move, so
 *       nothing is lost and nothing is dead-lettered for a reason that is not the record's.
 *   <li>Anything else is retried a few times, then dead-lettered.
 * </ul>
 *
 * Every dead letter is counted in {@code aima.kafka.dead.letters}.
 */
public final class DeadLetterErrorHandlerFactory {

    public static final String REASON_HEADER = "aima-dlt-reason";

    /** What becomes of a record whose processing failed. */
    public enum Disposition {
        /** Unreadable, or refused by the domain: retrying cannot help. */
        DEAD_LETTER_AT_ONCE,
        /** The service's own database is unavailable: not the record's fault, so wait however long it takes. */
        WAIT_FOR_OWN_STORAGE,
        /** Anything else: a few retries, then the dead-letter topic. */
        RETRY_THEN_DEAD_LETTER
    }

    /** Failures that are the record's own (anywhere in the cause chain): no retry can change them. */
    static final List<Class<? extends Exception>> RECORD_FAULTS =
            List.of(MalformedEventException.class, BusinessRuleViolation.class);

    /** Retries of a failure that is neither the record's fault nor the own database being down. */
    static final int RETRIES = 4;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterErrorHandlerFactory.class);

    private DeadLetterErrorHandlerFactory() {}

    public static DefaultErrorHandler create(
            KafkaOperations<?, ?> template, String consumingService, MeterRegistry meters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(
                template,
                (record, exception) ->
                        new TopicPartition(Topics.deadLetterTopic(record.topic(), consumingService), -1));
        publisher.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, exception) -> {
                    String reason = reason(exception);
                    log.warn(
                            "Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
                    Counter.builder("aima.kafka.dead.letters")
                            .description("records a consumer gave up on and sent to its dead-letter topic")
                            .tag("topic", record.topic())
                            .tag("reason", rootCause(exception).getClass().getSimpleName())
                            .register(meters)
                            .increment();
                    publisher.accept(record, exception);
                },
                new FixedBackOff(1_000L, RETRIES));
        RECORD_FAULTS.forEach(handler::addNotRetryableExceptions);
        handler.setBackOffFunction((record, exception) ->
                classify(exception) == Disposition.WAIT_FOR_OWN_STORAGE ? waitForStorage() : null);
        return handler;
    }

    /** How the handler made by {@link #create} treats a record whose processing threw {@code exception}. */
    public static Disposition classify(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Exception> fault : RECORD_FAULTS) {
                if (fault.isInstance(t)) {
                    return Disposition.DEAD_LETTER_AT_ONCE;
                }
            }
        }
        return isOwnStorageDown(exception) ? Disposition.WAIT_FOR_OWN_STORAGE : Disposition.RETRY_THEN_DEAD_LETTER;
    }

    private static ExponentialBackOff waitForStorage() {
        ExponentialBackOff backOff = new ExponentialBackOff(500L, 2.0);
        backOff.setMaxInterval(30_000L);
        return backOff;
    }

    private static boolean isOwnStorageDown(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    static String reason(Throwable exception) {
        Throwable root = rootCause(exception);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable t = exception;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof MalformedEventException || t instanceof BusinessRuleViolation) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }
}
