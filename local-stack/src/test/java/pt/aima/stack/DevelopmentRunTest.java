package pt.aima.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import pt.aima.infra.DatabaseSettings;

class DevelopmentRunTest {

    private static final ServiceSpec NOTIFICATION = ServiceSpec.ALL.get(3);
    private static final List<ChildCommand.Setting> SETTINGS = ChildCommand.settings(
            NOTIFICATION,
            new DatabaseSettings("jdbc:postgresql://localhost:41234/notification_service", "postgres", ""),
            "127.0.0.1:39092",
            "http://127.0.0.1:8090/jwks");
    private static final String ARGUMENTS = "--server.port=8084"
            + " --spring.datasource.url=jdbc:postgresql://localhost:41234/notification_service"
            + " --spring.datasource.username=postgres --spring.datasource.password="
            + " --spring.kafka.bootstrap-servers=127.0.0.1:39092"
            + " --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:8090/jwks";

    @Test
    void printsTheMavenJarAndIdeFormsOfWhatASupervisedChildGets() {
        String printed = DevelopmentRun.instructions(NOTIFICATION, SETTINGS, Path.of("/jdk/bin/java"));

        assertThat(printed.lines())
                .containsSubsequence(
                        "notification-service is not started (--without). Run it yourself against this stack, from"
                                + " the repository root",
                        "  AXONIQ_UPDATE_CHECKER_DISABLED=true ./mvnw -pl notification-service spring-boot:run"
                                + " -Dspring-boot.run.jvmArguments='-Xmx384m -Djdk.nio.maxCachedBufferSize=2097152 -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=30000' \\",
                        "      -Dspring-boot.run.arguments='" + ARGUMENTS + "'",
                        "  or its jar:",
                        "  AXONIQ_UPDATE_CHECKER_DISABLED=true /jdk/bin/java -Xmx384m -Djdk.nio.maxCachedBufferSize=2097152 -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=30000 -jar"
                                + " notification-service/target/notification-service.jar " + ARGUMENTS,
                        "  or in the IDE: main class pt.aima.notification.NotificationServiceApplication (module"
                                + " notification-service), VM options -Xmx384m -Djdk.nio.maxCachedBufferSize=2097152 -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=30000, program arguments:",
                        "    " + ARGUMENTS,
                        "  or, instead of the program arguments, these environment variables:",
                        "    SERVER_PORT=8084",
                        "    SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:41234/notification_service",
                        "    SPRING_DATASOURCE_USERNAME=postgres",
                        "    SPRING_DATASOURCE_PASSWORD=",
                        "    SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:39092",
                        "    SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI=http://127.0.0.1:8090/jwks",
                        "    AXONIQ_UPDATE_CHECKER_DISABLED=true");
    }

    @Test
    void theJarCommandIsTheSupervisedChildsCommandOnAJarPathRelativeToTheRepository() {
        String printed = DevelopmentRun.instructions(NOTIFICATION, SETTINGS, Path.of("/jdk/bin/java"));
        List<String> childCommand = ChildCommand.build(
                Path.of("/jdk/bin/java"), Path.of("notification-service/target/notification-service.jar"), SETTINGS);

        assertThat(printed).contains(String.join(" ", childCommand));
    }

    @Test
    void aPasswordWithSpacesAndQuotesSurvivesTheShellAndMaven() {
        List<ChildCommand.Setting> settings = ChildCommand.settings(
                NOTIFICATION,
                new DatabaseSettings("jdbc:postgresql://db:5432/notification_service", "aima", "it's a secret"),
                "k:9092",
                "http://i/jwks");

        assertThat(DevelopmentRun.programArguments(settings))
                .contains(" \"--spring.datasource.password=it's a secret\" ");
        assertThat(DevelopmentRun.shellQuote("it's a secret")).isEqualTo("'it'\\''s a secret'");
        assertThat(DevelopmentRun.shellQuote("")).isEqualTo("''");
        assertThat(DevelopmentRun.shellQuote("--spring.datasource.password="))
                .isEqualTo("--spring.datasource.password=");
    }
}
