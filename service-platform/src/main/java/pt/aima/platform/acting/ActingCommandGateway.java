package pt.aima.platform.acting;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;

/**
 * Sends commands with the acting context as metadata, so every event they cause names who acted and why. Business
 * exceptions thrown by a handler reach the caller unwrapped.
 */
public class ActingCommandGateway {

    private final CommandGateway commandGateway;
    private final CurrentActingContext current;
    private final Actor service;

    public ActingCommandGateway(CommandGateway commandGateway, CurrentActingContext current, String serviceName) {
        this.commandGateway = commandGateway;
        this.current = current;
        this.service = Actor.system(serviceName);
    }

    /** Sends on behalf of the caller of the current HTTP request. */
    public <R> R send(Object command) {
        return send(command, current.get());
    }

    /**
     * Sends on the service's own behalf, because another service reported {@code cause}: the flow's correlation id
     * carries on, and the event is the cause.
     */
    public <R> R sendCausedBy(Object command, EventEnvelope<?> cause) {
        return send(
                command,
                new ActingContext(
                        service, cause.correlationId(), cause.eventId().toString()));
    }

    /**
     * A command that collides with an append made elsewhere (a {@link ConcurrencyException}: another instance changed
     * the aggregate after this one cached it, see {@link pt.aima.platform.aggregate.AggregateCache}) was rolled back
     * whole and its cached aggregate evicted; it is sent once more, on the aggregate as stored. A second collision
     * reaches the caller. Inside a larger transaction (an inbox's, a batch's) the collision reaches the caller at once:
     * the failed append has aborted that transaction in PostgreSQL, so nothing more can be done in it, and its owner
     * rolls it back and tries again (the inbox through the listener's error handler, a batch one item at a time).
     */
    public <R> R send(Object command, ActingContext context) {
        try {
            return sendOnce(command, context);
        } catch (ConcurrencyException collided) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw collided;
            }
            return sendOnce(command, context);
        }
    }

    private <R> R sendOnce(Object command, ActingContext context) {
        MetaData metaData = context.asMetaData();
        try {
            return commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
