package pt.aima.platform.observability;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries one case's trace across the places where no thread or transport carries it by itself, and names the case on
 * it.
 *
 * <p>A command handled on a request or listener thread stores the current W3C trace context ({@value #TRACEPARENT},
 * and the {@value #BAGGAGE} with the case and correlation ids) in the metadata of the events it causes (see {@link
 * TraceContextCorrelationProvider}); an event processor, which reads the event store on a thread of its own, continues
 * that trace from the metadata ({@link EventHandlerTracing}); Kafka's own observation then writes the trace context into
 * the record's headers and a consumer continues it. The case id and correlation id travel as baggage: they are on
 * every span (tag) and every log line (MDC) of the flow.
 */
public class CaseTracing {

    /** W3C trace context field names, used as metadata keys of stored events too. */
    public static final String TRACEPARENT = "traceparent";

    public static final String BAGGAGE = "baggage";

    /** Baggage (and MDC, and span tag) names; the log pattern and the baggage configuration use the same. */
    public static final String CASE_ID = "caseId";

    public static final String CORRELATION_ID = "correlationId";

    private static final CaseTracing NONE = new CaseTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public CaseTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** For code run without tracing (unit tests, tools): every method does nothing. */
    public static CaseTracing none() {
        return NONE;
    }

    /** The id of the current trace; null when no span is current. */
    public String currentTraceId() {
        Span current = tracer.currentSpan();
        return current == null || current.isNoop() ? null : current.context().traceId();
    }

    /** The current trace context as metadata entries; empty when no span is current. */
    public Map<String, String> currentContext() {
        Span current = tracer.currentSpan();
        if (current == null || current.isNoop()) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(current.context(), fields, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key) || BAGGAGE.equals(key)) {
                carrier.put(key, value);
            }
        });
        return fields;
    }

    /**
     * Starts a span continuing the trace stored in {@code metadata} (a new trace when it holds none) and makes it
     * current, with the case named on it from the stored baggage. Close the result on the same thread.
     */
    public Scope continueTrace(Map<String, ?> metadata, String spanName) {
        if (tracer == Tracer.NOOP) {
            return Scope.NOTHING;
        }
        Map<String, String> carrier = new HashMap<>();
        for (String field : List.of(TRACEPARENT, BAGGAGE)) {
            Object value = metadata.get(field);
            if (value != null) {
                carrier.put(field, value.toString());
            }
        }
        Span span = propagator.extract(carrier, Map::get).name(spanName).start();
        Tracer.SpanInScope inScope = tracer.withSpan(span);
        Scope named = nameCase(baggage(CASE_ID), baggage(CORRELATION_ID));
        return () -> {
            try {
                named.close();
            } finally {
                inScope.close();
                span.end();
            }
        };
    }

    /**
     * Names the case on the current span and everything after it in this flow: baggage (carried to Kafka records and
     * stored events), span tags and the logging MDC. Blank values are left out. Close the result to restore the MDC.
     */
    public Scope nameCase(String caseId, String correlationId) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (caseId != null && !caseId.isBlank()) {
            fields.put(CASE_ID, caseId);
        }
        if (correlationId != null && !correlationId.isBlank()) {
            fields.put(CORRELATION_ID, correlationId);
        }
        if (fields.isEmpty()) {
            return Scope.NOTHING;
        }
        Span current = tracer.currentSpan();
        List<BaggageInScope> baggage = new ArrayList<>();
        Map<String, String> previousMdc = new HashMap<>();
        fields.forEach((name, value) -> {
            if (current != null && !current.isNoop()) {
                current.tag(name, value);
                if (!value.equals(baggage(name))) {
                    baggage.add(tracer.createBaggageInScope(name, value));
                }
            }
            previousMdc.put(name, MDC.get(name));
            MDC.put(name, value);
        });
        return () -> {
            previousMdc.forEach((name, value) -> {
                if (value == null) {
                    MDC.remove(name);
                } else {
                    MDC.put(name, value);
                }
            });
            baggage.forEach(BaggageInScope::close);
        };
    }

    private String baggage(String name) {
        try {
            return tracer.getBaggage(name) == null
                    ? null
                    : tracer.getBaggage(name).get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What {@link #continueTrace} and {@link #nameCase} hand back; closing never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        Scope NOTHING = () -> {};

        @Override
        void close();
    }
}
