package pt.aima.platform.acting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.domain.BusinessRuleViolation;

/**
 * Who acted and in which flow reaches every command the gateway sends, and, through the correlation provider, every
 * event the command causes: on a real Axon command bus and event bus, as the services wire them.
 */
class ActingContextTest {

    record Decide(String caseId) {}

    record Refuse(String caseId) {}

    record Decided(String caseId) {}

    private static final class Refused extends BusinessRuleViolation {
        Refused() {
            super("NOT_ALLOWED", "not now");
        }
    }

    private final List<CommandMessage<?>> commands = new ArrayList<>();
    private final List<EventMessage<?>> events = new ArrayList<>();
    private ActingContext current;
    private ActingCommandGateway gateway;

    @BeforeEach
    void wire() {
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(events::addAll);
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(new ActingContextCorrelationProvider()));
        commandBus.subscribe(Decide.class.getName(), command -> {
            commands.add(command);
            eventBus.publish(GenericEventMessage.asEventMessage(new Decided(((Decide) command.getPayload()).caseId())));
            return "decided";
        });
        commandBus.subscribe(Refuse.class.getName(), command -> {
            throw new Refused();
        });
        gateway = new ActingCommandGateway(
                DefaultCommandGateway.builder().commandBus(commandBus).build(), () -> current, "test-service");
    }

    @Test
    void theCallersContextReachesTheCommandAndTheEventsItCauses() {
        current = new ActingContext(new Actor("caseworker-1", "CASEWORKER"), "corr-1", "request-1");

        String answer = gateway.send(new Decide("case-1"));

        assertThat(answer).isEqualTo("decided");
        assertThat(commands).singleElement().satisfies(command -> assertContext(command.getMetaData(), current));
        assertThat(events).singleElement().satisfies(event -> assertContext(event.getMetaData(), current));
    }

    @Test
    void aCommandCausedByAnotherServicesEventActsForThisServiceInTheSameFlow() {
        CaseId caseId = CaseId.newId();
        var cause = EventEnvelope.wrap(
                UUID.randomUUID(),
                Instant.now(),
                new Actor("caseworker-9", "CASEWORKER"),
                "corr-flow",
                "request-9",
                new DocumentChecklistCompleted(caseId));

        gateway.sendCausedBy(new Decide(caseId.toString()), cause);

        var expected = new ActingContext(
                Actor.system("test-service"), "corr-flow", cause.eventId().toString());
        assertThat(commands).singleElement().satisfies(command -> assertContext(command.getMetaData(), expected));
        assertThat(events).singleElement().satisfies(event -> assertContext(event.getMetaData(), expected));
    }

    @Test
    void aRefusalReachesTheCallerUnwrapped() {
        current = new ActingContext(new Actor("caseworker-1", "CASEWORKER"), "corr-2", "request-2");
        assertThatThrownBy(() -> gateway.send(new Refuse("case-2"))).isInstanceOf(Refused.class);
        assertThat(events).isEmpty();
    }

    @Test
    void theContextReadBackFromMetaDataIsTheOneWritten() {
        var context = new ActingContext(new Actor("applicant-1", "APPLICANT"), "corr-3", "request-3");
        assertThat(ActingContext.from(context.asMetaData(), "fallback")).isEqualTo(context);
    }

    @Test
    void anEventStoredWithoutAContextIsAttributedToTheSystemUnderItsOwnId() {
        assertThat(ActingContext.from(MetaData.emptyInstance(), "event-7"))
                .isEqualTo(new ActingContext(Actor.system("unknown"), "event-7", "event-7"));
    }

    @Test
    void theProviderCopiesOnlyTheActingContext() {
        var metaData = new ActingContext(new Actor("auditor-1", "AUDITOR"), "corr-4", "request-4")
                .asMetaData()
                .and("traceId", "not ours");
        var data = new ActingContextCorrelationProvider()
                .correlationDataFor(GenericEventMessage.asEventMessage("x").withMetaData(metaData));
        assertThat(data)
                .containsOnlyKeys(
                        ActingContext.ACTOR_SUBJECT,
                        ActingContext.ACTOR_ROLE,
                        ActingContext.CORRELATION_ID,
                        ActingContext.CAUSATION_ID);
    }

    private static void assertContext(MetaData metaData, ActingContext expected) {
        assertThat(ActingContext.from(metaData, "missing")).isEqualTo(expected);
        assertThat(metaData.get(ActingContext.CORRELATION_ID)).isEqualTo(expected.correlationId());
    }
}
