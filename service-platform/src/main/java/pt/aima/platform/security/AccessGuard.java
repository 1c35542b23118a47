package pt.aima.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.domain.CaseNotFound;

/**
 * The one guard that decides access for every endpoint of every service (before the request body is even read): it
 * reads the endpoint's {@link AllowedRoles}, the token's roles and, for a {@code caseId} path variable, the case's
 * owner ({@link CaseOwners}), lets {@link CaseAccess#decide} pick the acting role, and binds that role to the request
 * as the actor recorded on every event the request causes. The platform's own endpoints (package {@code pt.aima}) all
 * need a policy: one without is refused. Framework endpoints (OpenAPI, actuator, error page) are ruled by the filter
 * chain in {@link PlatformSecurity}.
 */
public class AccessGuard implements HandlerInterceptor {

    /** The request attribute holding the {@link Role} the request acts in. */
    public static final String ACTING_ROLE = AccessGuard.class.getName() + ".actingRole";

    public static final String CASE_ID_VARIABLE = "caseId";

    private final Supplier<CaseOwners> owners;

    public AccessGuard(Supplier<CaseOwners> owners) {
        this.owners = owners;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isPlatformEndpoint(method)) {
            return true;
        }
        AllowedRoles policy = method.getMethodAnnotation(AllowedRoles.class);
        if (policy == null) {
            throw new AccessDeniedException("This endpoint declares no access policy.");
        }
        Jwt jwt = currentJwt();
        String caseVariable = pathVariables(request).get(CASE_ID_VARIABLE);
        if (caseVariable != null && !isUuid(caseVariable)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "caseId: not a case id (a UUID)");
        }
        Supplier<Optional<CaseOwners.Owner>> caseOwner = caseVariable == null ? null : () -> ownerOf(caseVariable);
        Set<Role> allowed = EnumSet.noneOf(Role.class);
        allowed.addAll(List.of(policy.value()));
        switch (CaseAccess.decide(allowed, PlatformSecurity.roles(jwt), jwt.getSubject(), caseOwner)) {
            case CaseAccess.Decision.Allowed(Role role) -> request.setAttribute(ACTING_ROLE, role);
            case CaseAccess.Decision.UnknownCase() -> throw new CaseNotFound(new CaseId(UUID.fromString(caseVariable)));
            case CaseAccess.Decision.Denied() ->
                throw new AccessDeniedException(
                        caseVariable == null
                                ? "None of your roles allows this."
                                : "None of your roles allows this on this case (an applicant acts only on their own"
                                        + " case).");
        }
        return true;
    }

    /** Whether the handler is one of the platform's (or a service's) own controllers. */
    public static boolean isPlatformEndpoint(HandlerMethod method) {
        return method.getBeanType().getPackageName().startsWith("pt.aima.");
    }

    private Optional<CaseOwners.Owner> ownerOf(String caseVariable) {
        CaseOwners known = owners.get();
        return known == null ? Optional.empty() : known.ownerOf(UUID.fromString(caseVariable));
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pathVariables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    private static Jwt currentJwt() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
        }
        return jwt;
    }
}
