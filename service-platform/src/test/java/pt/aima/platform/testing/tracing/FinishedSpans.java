package pt.aima.platform.testing.tracing;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every span the service under test finished, as an exporter would get it: {@code @Import} it into the test's context
 * and read the spans of one trace. A test starts its own trace ({@link #newTraceId}, {@link #traceparent}) so it finds only its spans.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FinishedSpans {

    private static final Queue<MutableSpan> FINISHED = new ConcurrentLinkedQueue<>();

    @Bean
    SpanHandler finishedSpansRecorder() {
        return new SpanHandler() {
            @Override
            public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                if (cause == Cause.FINISHED) {
                    FINISHED.add(span);
                }
                return true;
            }
        };
    }

    /** The finished spans of the trace, in the order they finished. */
    public static List<MutableSpan> ofTrace(String traceId) {
        return FINISHED.stream().filter(span -> traceId.equals(span.traceId())).toList();
    }

    /** A W3C {@code traceparent} of a new, sampled trace whose id is {@code traceId} (32 hex digits). */
    public static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    /** A new trace id: 32 hex digits. */
    public static String newTraceId() {
        return randomHex(16);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
