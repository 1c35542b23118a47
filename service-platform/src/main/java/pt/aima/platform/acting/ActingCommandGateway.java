package pt.aima.platform.acting;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Sends commands with the acting context as metadata, so every event they cause names who acted and why. Business
 * exceptions thrown by a handler reach the caller unwrapped.
 */
public class ActingCommandGateway {

    private final CommandGateway commandGateway;
    private final CurrentActingContext current;

    public ActingCommandGateway(CommandGateway commandGateway, CurrentActingContext current) {
        this.commandGateway = commandGateway;
        this.current = current;
    }

    /** Sends on behalf of the caller of the current HTTP request. */
    public <R> R send(Object command) {
        return send(command, current.get());
    }

    public <R> R send(Object command, ActingContext context) {
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
