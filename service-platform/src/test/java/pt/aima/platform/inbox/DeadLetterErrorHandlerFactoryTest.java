package pt.aima.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.CannotCreateTransactionException;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.codec.UnknownEventTypeException;
import pt.aima.platform.domain.BusinessRuleViolation;
import pt.aima.platform.inbox.DeadLetterErrorHandlerFactory.Disposition;

/**
 * Which failures of a Kafka listener send the record to the dead-letter topic at once, which are waited out, and which
 * are retried first; and that the handler the services use acts on that classification.
 */
class DeadLetterErrorHandlerFactoryTest {

    private static final String TOPIC = Topics.APPLICATION_EVENTS;

    private static final class Refused extends BusinessRuleViolation {
        Refused() {
            super("DECISION_PREREQUISITES_MISSING", "the checklist is not complete");
        }
    }

    @Test
    void aRecordThatIsNoEnvelopeIsDeadLetteredAtOnce() {
        Throwable notAnEnvelope = catchThrowable(
                () -> IntegrationEventCodec.platform().decode("{not an envelope".getBytes(StandardCharsets.UTF_8)));
        assertThat(DeadLetterErrorHandlerFactory.classify(notAnEnvelope)).isEqualTo(Disposition.DEAD_LETTER_AT_ONCE);
        assertThat(DeadLetterErrorHandlerFactory.classify(asTheContainerReportsIt(notAnEnvelope)))
                .isEqualTo(Disposition.DEAD_LETTER_AT_ONCE);
    }

    @Test
    void anUnknownVersionOfASubscribedTypeIsDeadLetteredAtOnce() {
        var unknownVersion = new UnknownEventTypeException("DecisionIssued", 99);
        assertThat(DeadLetterErrorHandlerFactory.classify(asTheContainerReportsIt(unknownVersion)))
                .isEqualTo(Disposition.DEAD_LETTER_AT_ONCE);
    }

    @Test
    void aCommandTheDomainRefusesIsDeadLetteredAtOnce() {
        var refusal = new CommandExecutionException("refused", new Refused());
        assertThat(DeadLetterErrorHandlerFactory.classify(asTheContainerReportsIt(refusal)))
                .isEqualTo(Disposition.DEAD_LETTER_AT_ONCE);
    }

    @Test
    void theOwnDatabaseBeingDownIsWaitedOut() {
        for (RuntimeException down : new RuntimeException[] {
            new CannotGetJdbcConnectionException("connection refused", new SQLException("refused")),
            new CannotCreateTransactionException("no connection"),
            new QueryTimeoutException("statement timeout")
        }) {
            assertThat(DeadLetterErrorHandlerFactory.classify(asTheContainerReportsIt(down)))
                    .as(down.getClass().getSimpleName())
                    .isEqualTo(Disposition.WAIT_FOR_OWN_STORAGE);
        }
    }

    @Test
    void anythingElseIsRetriedBeforeItIsDeadLettered() {
        assertThat(DeadLetterErrorHandlerFactory.classify(asTheContainerReportsIt(new IllegalStateException("bug"))))
                .isEqualTo(Disposition.RETRY_THEN_DEAD_LETTER);
    }

    @Test
    void theHandlerSendsAnUnreadableRecordToTheServicesDeadLetterTopicWithTheReason() {
        KafkaOperations<Object, Object> template = template();
        DefaultErrorHandler handler =
                DeadLetterErrorHandlerFactory.create(template, "test-service", new SimpleMeterRegistry());
        Throwable notAnEnvelope = catchThrowable(
                () -> IntegrationEventCodec.platform().decode("{not an envelope".getBytes(StandardCharsets.UTF_8)));

        boolean done =
                handler.handleOne(asTheContainerReportsIt(notAnEnvelope), record(), mock(Consumer.class), container());

        assertThat(done).as("recovered on the first failure").isTrue();
        @SuppressWarnings("unchecked")
        ArgumentCaptor<ProducerRecord<Object, Object>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(template).send(sent.capture());
        assertThat(sent.getValue().topic()).isEqualTo(Topics.deadLetterTopic(TOPIC, "test-service"));
        assertThat(new String(
                        sent.getValue()
                                .headers()
                                .lastHeader(DeadLetterErrorHandlerFactory.REASON_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .startsWith("MalformedEventException: not JSON");
    }

    @Test
    void theHandlerKeepsTheRecordWhileTheOwnDatabaseIsDown() {
        KafkaOperations<Object, Object> template = template();
        DefaultErrorHandler handler =
                DeadLetterErrorHandlerFactory.create(template, "test-service", new SimpleMeterRegistry());
        var down = asTheContainerReportsIt(new CannotGetJdbcConnectionException("refused", new SQLException()));

        boolean done = handler.handleOne(down, record(), mock(Consumer.class), container());

        assertThat(done).as("not given up on").isFalse();
        verify(template, never()).send(any(ProducerRecord.class));
    }

    private static ListenerExecutionFailedException asTheContainerReportsIt(Throwable failure) {
        return new ListenerExecutionFailedException("listener failed", failure);
    }

    private static ConsumerRecord<String, byte[]> record() {
        return new ConsumerRecord<>(TOPIC, 0, 7L, "case", "{not an envelope".getBytes(StandardCharsets.UTF_8));
    }

    private static MessageListenerContainer container() {
        MessageListenerContainer container = mock(MessageListenerContainer.class);
        when(container.isRunning()).thenReturn(true);
        return container;
    }

    @SuppressWarnings("unchecked")
    private static KafkaOperations<Object, Object> template() {
        KafkaOperations<Object, Object> template = mock(KafkaOperations.class);
        when(template.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        return template;
    }
}
