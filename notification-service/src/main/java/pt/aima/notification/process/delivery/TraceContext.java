package pt.aima.notification.process.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import pt.aima.platform.observability.CaseTracing;

/**
 * The W3C trace context a delivery was queued in, as stored with it: the sender continues that trace, so sending the
 * message and reporting its outcome belong to the case's trace. Both null for a delivery queued without one.
 *
 * @param traceparent the W3C {@code traceparent}
 * @param baggage the W3C {@code baggage}, which names the case and the flow
 */
record TraceContext(String traceparent, String baggage) {

    /** As {@link CaseTracing#continueTrace} reads it: the fields that are present, by their W3C names. */
    Map<String, String> asMetaData() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (traceparent != null) {
            fields.put(CaseTracing.TRACEPARENT, traceparent);
        }
        if (baggage != null) {
            fields.put(CaseTracing.BAGGAGE, baggage);
        }
        return fields;
    }
}
