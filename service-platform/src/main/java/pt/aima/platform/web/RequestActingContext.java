package pt.aima.platform.web;

import java.util.Comparator;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import pt.aima.kernel.envelope.Actor;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.security.PlatformSecurity;
import pt.aima.platform.security.Role;

/**
 * The acting context of the current HTTP request: the actor is the token's subject in the most privileged role it
 * holds; the correlation and causation ids come from {@link CorrelationIdFilter}.
 */
public class RequestActingContext implements CurrentActingContext {

    @Override
    public ActingContext get() {
        RequestAttributes request = RequestContextHolder.currentRequestAttributes();
        String correlationId = (String)
                request.getAttribute(CorrelationIdFilter.CORRELATION_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        String requestId =
                (String) request.getAttribute(CorrelationIdFilter.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return new ActingContext(currentActor(), correlationId, requestId);
    }

    public static Actor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
        }
        Role role = PlatformSecurity.roles(jwt).stream()
                .min(Comparator.comparing(PRIVILEGE::indexOf))
                .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("token holds no platform role"));
        return new Actor(jwt.getSubject(), role.name());
    }

    private static final java.util.List<Role> PRIVILEGE =
            java.util.List.of(Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR, Role.APPLICANT);
}
