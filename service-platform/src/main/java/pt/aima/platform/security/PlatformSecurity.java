package pt.aima.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import pt.aima.platform.web.ProblemResponses;

/**
 * Every endpoint needs a bearer JWT, except health probes, the OpenAPI document and Swagger UI (static pages from the
 * WebJar; "Try it out" sends the token given under "Authorize" like any client). Reading needs any platform role;
 * changing anything needs one that may act (auditors are read-only). Finer rules (an applicant's own case, who may
 * decide) sit on the endpoints themselves.
 */
public final class PlatformSecurity {

    public static final String ROLES_CLAIM = "roles";

    private PlatformSecurity() {}

    public static SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        String[] everyRole =
                java.util.Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
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
                        .requestMatchers(HttpMethod.GET, "/**")
                        .hasAnyRole(everyRole)
                        .anyRequest()
                        .hasAnyRole(Role.APPLICANT.name(), Role.CASEWORKER.name(), Role.OPERATIONS.name()))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(PlatformSecurity::authenticate))
                        .authenticationEntryPoint(ProblemResponses::unauthorized)
                        .accessDeniedHandler(ProblemResponses::forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemResponses::unauthorized)
                        .accessDeniedHandler(ProblemResponses::forbidden))
                .build();
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
