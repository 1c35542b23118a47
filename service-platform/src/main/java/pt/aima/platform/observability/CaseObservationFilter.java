package pt.aima.platform.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * Names the case and the flow on every observation that ends within one, from the baggage of its span: the request's
 * span (whose case is known only once its handler is chosen), the Kafka producer's (which ends on the broker's
 * acknowledgement, on the producer's thread), the listener's. High-cardinality values: span tags, never meter tags.
 */
public class CaseObservationFilter implements ObservationFilter {

    private final Tracer tracer;

    public CaseObservationFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        if (span == null || span.isNoop()) {
            return context;
        }
        for (String field : new String[] {CaseTracing.CASE_ID, CaseTracing.CORRELATION_ID}) {
            Baggage baggage = tracer.getBaggage(span.context(), field);
            String value = baggage == null ? null : baggage.get(span.context());
            if (value != null && !value.isBlank()) {
                context.addHighCardinalityKeyValue(KeyValue.of(field, value));
            }
        }
        return context;
    }
}
