package pt.aima.platform.web;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import pt.aima.kernel.envelope.Actor;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.security.AccessGuard;
import pt.aima.platform.security.Role;

/**
 * The acting context of the current HTTP request: the actor is the token's subject in the role the
 * {@link AccessGuard} chose for the request; the correlation and causation ids come from {@link CorrelationIdFilter}.
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

    /**
     * The caller in the role {@link AccessGuard} let the request act in: the token's subject and the least privileged
     * of its roles that allows the request on its own.
     */
    public static Actor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
        }
        Object role = RequestContextHolder.currentRequestAttributes()
                .getAttribute(AccessGuard.ACTING_ROLE, RequestAttributes.SCOPE_REQUEST);
        if (!(role instanceof Role acting)) {
            throw new AccessDeniedException("the request was not let through by the access guard");
        }
        return new Actor(jwt.getSubject(), acting.name());
    }
}
