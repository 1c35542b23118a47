package pt.aima.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import pt.aima.platform.web.ProblemResponses;

/**
 * Every endpoint needs a bearer JWT from the configured issuer, for the configured audience and not expired (see
 * {@link #requireTokenChecks}), except health probes, the OpenAPI document and Swagger UI (static pages from the
 * WebJar; "Try it out" sends the token given under "Authorize" like any client). The other actuator endpoints
 * (metrics, environment, ...) are for OPERATIONS only. Which role may call which endpoint, and on whose case, is
 * decided by one guard, {@link AccessGuard}, from the policy each endpoint declares ({@link AllowedRoles}).
 */
public final class PlatformSecurity {

    public static final String ROLES_CLAIM = "roles";

    private PlatformSecurity() {}

    public static SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole(Role.OPERATIONS.name())
                        // Every other endpoint: the AccessGuard decides by the endpoint's declared policy.
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(PlatformSecurity::authenticate))
                        .authenticationEntryPoint(ProblemResponses::unauthorized)
                        .accessDeniedHandler(ProblemResponses::forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemResponses::unauthorized)
                        .accessDeniedHandler(ProblemResponses::forbidden))
                .build();
    }

    static final String ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String AUDIENCES_PROPERTY = "spring.security.oauth2.resourceserver.jwt.audiences";

    /**
     * Refuses to start a service that would accept tokens of any issuer or for any audience: Spring Boot's resource
     * server checks a token's {@code iss} and {@code aud} only when these properties are set (it always checks the
     * signature against the JWK set and the expiry).
     */
    public static void requireTokenChecks(Environment environment) {
        if (!StringUtils.hasText(environment.getProperty(ISSUER_PROPERTY))) {
            throw new IllegalStateException(ISSUER_PROPERTY + " must name the token issuer the service trusts");
        }
        if (!StringUtils.hasText(environment.getProperty(AUDIENCES_PROPERTY))) {
            throw new IllegalStateException(AUDIENCES_PROPERTY + " must name the audience tokens must be issued for");
        }
    }

    static AbstractAuthenticationToken authenticate(Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : roles(jwt)) {
            authorities.add(new SimpleGrantedAuthority(role.authority()));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    /** The platform roles the token holds; unknown role names are ignored. */
    public static List<Role> roles(Jwt jwt) {
        List<String> claimed = jwt.getClaimAsStringList(ROLES_CLAIM);
        if (claimed == null) {
            return List.of();
        }
        List<Role> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (claimed.contains(role.name())) {
                roles.add(role);
            }
        }
        return roles;
    }
}
