package pt.aima.platform.observability;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Stores the W3C trace context in the metadata of every event a command causes: the trace of the thread handling the
 * command (the request's or the listener's), or else the one the handled message itself carries. The event store is
 * read later on another thread (the relay, the projections), which continues the trace from there.
 */
public class TraceContextCorrelationProvider implements CorrelationDataProvider {

    private final CaseTracing tracing;

    public TraceContextCorrelationProvider(CaseTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, String> current = tracing.currentContext();
        if (!current.isEmpty()) {
            return current;
        }
        Map<String, Object> carried = new HashMap<>();
        for (String field : new String[] {CaseTracing.TRACEPARENT, CaseTracing.BAGGAGE}) {
            Object value = message.getMetaData().get(field);
            if (value != null) {
                carried.put(field, value);
            }
        }
        return carried;
    }
}
