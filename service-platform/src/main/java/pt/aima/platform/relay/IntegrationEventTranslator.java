package pt.aima.platform.relay;

import java.util.List;
import pt.aima.kernel.envelope.IntegrationEvent;

/**
 * Each service's one decision about what leaves it: which of its internal events become integration events, and with
 * which facts. Internal events may carry personal data; integration events carry ids and what consumers need. One
 * internal event may become several integration events (each routed to its topic by {@link pt.aima.kernel.Topics#of}),
 * or none.
 */
@FunctionalInterface
public interface IntegrationEventTranslator {

    List<IntegrationEvent> translate(Object internalEvent);
}
