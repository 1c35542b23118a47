package pt.aima.operations.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard for operations staff ({@code GET /dashboard}): a static page with its script and styles
 * ({@code static/dashboard/}) and the chart library from its WebJar ({@code /webjars/echarts/...}). The page and its
 * assets hold no figures and are public, as Swagger UI's are; every figure it shows is read from the operations API
 * with the user's bearer token, under the platform's filter chain and access guard like any other client. This chain
 * answers only those static paths (it comes before the platform's, which keeps every other path).
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

    static final String[] PUBLIC_ASSETS = {"/dashboard", "/dashboard/", "/dashboard/*", "/webjars/**"};

    /** What the page may load and call: only this service (no CDN, no other origin), and no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain dashboardAssets(HttpSecurity http) throws Exception {
        return http.securityMatcher(PUBLIC_ASSETS)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    /** {@code /dashboard} is the page; its assets are addressed relative to {@code /dashboard/}. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", "/dashboard/");
        registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    }
}
