package pt.aima.platform.relay;

import java.util.List;
import java.util.Set;
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

    /**
     * The internal event types this translator always translates to nothing, whatever they hold: the service's working
     * facts (what it learnt from others, queue positions, recorded contacts). The relay does not read such events from
     * the store at all (no deserialising, no decrypting, no unit of work), which is most of what some services store.
     *
     * <p>Only exact types count, and none by default: a type missing here is read and offered to {@link #translate}, so
     * forgetting one costs time, never a publication. Naming a type here that {@link #translate} would publish loses
     * that publication: {@code IntegrationEventTranslatorContract} (in the platform's test jar) checks each service's
     * list against its translator.
     */
    default Set<Class<?>> keptInside() {
        return Set.of();
    }
}
