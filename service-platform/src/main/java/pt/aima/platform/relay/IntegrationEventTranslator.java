package pt.aima.platform.relay;

import java.util.Optional;
import pt.aima.kernel.envelope.IntegrationEvent;

/**
 * Each service's one decision about what leaves it: which of its internal events become integration events, and with
 * which facts. Internal events may carry personal data; integration events carry ids and what consumers need.
 */
@FunctionalInterface
public interface IntegrationEventTranslator {

    Optional<IntegrationEvent> translate(Object internalEvent);
}
