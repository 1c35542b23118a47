package pt.aima.infra;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the shared local infrastructure. Call it from a {@code @DynamicPropertySource} method
 * with a database name unique to the test class:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     SpringTestInfrastructure.registerSpringProperties(registry, "application_service_it");
 * }
 * }</pre>
 */
public final class SpringTestInfrastructure {

    private SpringTestInfrastructure() {}

    /**
     * Creates {@code databaseName} on the shared PostgreSQL server (if missing) and registers {@code
     * spring.datasource.url|username|password}, {@code spring.kafka.bootstrap-servers} and the token checks: {@code
     * spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, {@code issuer-uri} and {@code audiences} of the
     * development issuer.
     */
    public static void registerSpringProperties(DynamicPropertyRegistry registry, String databaseName) {
        registerSpringProperties(registry, LocalInfrastructure.shared(), databaseName);
    }

    /** The same for a given infrastructure instance. */
    public static void registerSpringProperties(
            DynamicPropertyRegistry registry, LocalInfrastructure infrastructure, String databaseName) {
        infrastructure.startAll();
        DatabaseSettings database = infrastructure.createDatabase(databaseName);
        String bootstrapServers = infrastructure.kafkaBootstrapServers();
        String jwkSetUri = infrastructure.tokens().jwkSetUri();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> DevTokenIssuer.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> DevTokenIssuer.AUDIENCE);
    }
}
