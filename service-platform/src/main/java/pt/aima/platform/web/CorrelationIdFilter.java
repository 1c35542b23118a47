package pt.aima.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id}, or a new one) and its own request id;
 * both are echoed in the response and logged, and the request id is the causation of the commands it sends.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String REQUEST_HEADER = "X-Request-Id";
    static final String CORRELATION_ATTRIBUTE = CorrelationIdFilter.class.getName() + ".correlation";
    static final String REQUEST_ATTRIBUTE = CorrelationIdFilter.class.getName() + ".request";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        String given = request.getHeader(CORRELATION_HEADER);
        String correlationId = given != null && ACCEPTABLE.matcher(given).matches() ? given : requestId;
        request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
        request.setAttribute(REQUEST_ATTRIBUTE, requestId);
        response.setHeader(CORRELATION_HEADER, correlationId);
        response.setHeader(REQUEST_HEADER, requestId);
        MDC.put("correlationId", correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("correlationId");
        }
    }
}
