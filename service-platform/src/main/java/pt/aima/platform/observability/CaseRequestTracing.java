package pt.aima.platform.observability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Names the case of a request whose path has a {@code {caseId}} (and the request's correlation id) on its span, its
 * baggage and its log lines, so the commands it sends carry them onward; answers the request's trace id in {@value
 * #TRACE_HEADER}, to look the flow up in the logs, the case history or a trace collector.
 */
public class CaseRequestTracing implements HandlerInterceptor {

    public static final String TRACE_HEADER = "X-Trace-Id";

    private static final String SCOPE = CaseRequestTracing.class.getName() + ".scope";

    private final CaseTracing tracing;

    public CaseRequestTracing(CaseTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String caseId = variables instanceof Map<?, ?> map && map.get(CaseTracing.CASE_ID) != null
                ? map.get(CaseTracing.CASE_ID).toString()
                : null;
        String traceId = tracing.currentTraceId();
        if (traceId != null) {
            response.setHeader(TRACE_HEADER, traceId);
        }
        request.setAttribute(SCOPE, tracing.nameCase(caseId, MDC.get(CaseTracing.CORRELATION_ID)));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (request.getAttribute(SCOPE) instanceof CaseTracing.Scope scope) {
            scope.close();
        }
    }
}
