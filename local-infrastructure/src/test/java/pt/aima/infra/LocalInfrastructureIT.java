package pt.aima.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Against whatever the infrastructure decides: here, without Docker, embedded PostgreSQL and an embedded broker. */
class LocalInfrastructureIT {

    private final LocalInfrastructure infrastructure = LocalInfrastructure.shared();

    @Test
    void givesAWorkingPostgresDatabase() throws Exception {
        DatabaseSettings settings = infrastructure.createDatabase("infra_it");
        DatabaseSettings again = infrastructure.createDatabase("infra_it");

        assertThat(again).isEqualTo(settings);
        assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://").endsWith("/infra_it");
        Properties login = new Properties();
        login.setProperty("user", settings.username());
        login.setProperty("password", settings.password());
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), login);
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("select 1, current_database(), current_setting('server_version_num')")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
            assertThat(result.getString(2)).isEqualTo("infra_it");
            assertThat(Integer.parseInt(result.getString(3))).isGreaterThanOrEqualTo(170000);
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        for (String name : List.of("", "Upper", "with-dash", "semi;colon", "a\"b", "x".repeat(64))) {
            assertThatThrownBy(() -> infrastructure.createDatabase(name))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givesAWorkingKafkaBroker() {
        String topic = "infra-it-" + UUID.randomUUID();
        String bootstrap = infrastructure.kafkaBootstrapServers();

        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "case-1", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "infra-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(consumer.partitionsFor(topic)).hasSize(LocalInfrastructure.DEFAULT_PARTITIONS);
        }
        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("case-1");
            assertThat(record.value()).isEqualTo("hello");
        });
    }

    @Test
    void configuredServersAreUsedAsTheyAreAndNotStopped() throws Exception {
        DatabaseSettings admin = infrastructure.createDatabase("postgres");
        InfrastructureOptions configured = InfrastructureOptions.from(
                Map.of(
                        "AIMA_POSTGRES_URL", admin.jdbcUrl(),
                        "AIMA_POSTGRES_USER", admin.username(),
                        "AIMA_POSTGRES_PASSWORD", admin.password(),
                        "AIMA_KAFKA_BOOTSTRAP", infrastructure.kafkaBootstrapServers()),
                Map.of("aima.infra.docker", "false"));

        try (LocalInfrastructure other = LocalInfrastructure.create(configured)) {
            assertThat(other.kafkaBootstrapServers()).isEqualTo(infrastructure.kafkaBootstrapServers());
            DatabaseSettings database = other.createDatabase("infra_configured_it");
            assertThat(database.jdbcUrl()).isEqualTo(admin.jdbcUrl().replace("/postgres", "/infra_configured_it"));
        }

        // Closing the other instance left the shared servers running.
        Properties login = new Properties();
        login.setProperty("user", admin.username());
        login.setProperty("password", admin.password());
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.createDatabase("infra_configured_it").jdbcUrl(), login);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_database()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("infra_configured_it");
        }
    }

    /**
     * The embedded server's durability, whatever this run's infrastructure is: by default zonky's fsync and
     * synchronous_commit off; asked for a durable server, every commit flushed as a production server does.
     */
    @Test
    void theEmbeddedServerIsDurableOnlyWhenAskedTo() throws Exception {
        var workDirectory = InfrastructureOptions.fromEnvironment().workDirectory();
        try (EmbeddedPostgresServer fast = new EmbeddedPostgresServer(workDirectory, false)) {
            assertThat(settings(fast)).containsEntry("fsync", "off").containsEntry("synchronous_commit", "off");
            assertThat(fast.durability()).startsWith("not durable");
        }
        try (EmbeddedPostgresServer durable = new EmbeddedPostgresServer(workDirectory, true)) {
            assertThat(settings(durable))
                    .containsEntry("fsync", "on")
                    .containsEntry("synchronous_commit", "on")
                    .containsEntry("full_page_writes", "on");
            assertThat(durable.durability()).startsWith("durable");
        }
    }

    private static Map<String, String> settings(PostgresServer server) throws Exception {
        Map<String, String> settings = new HashMap<>();
        try (Connection connection = server.connect(server.adminJdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select name, setting from pg_settings where name in"
                        + " ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            while (result.next()) {
                settings.put(result.getString(1), result.getString(2));
            }
        }
        return settings;
    }

    @Test
    void registersTheSpringPropertiesOfAllThree() {
        Map<String, Supplier<Object>> properties = new HashMap<>();

        SpringTestInfrastructure.registerSpringProperties(properties::put, "infra_spring_it");

        assertThat(properties)
                .containsOnlyKeys(
                        "spring.datasource.url",
                        "spring.datasource.username",
                        "spring.datasource.password",
                        "spring.kafka.bootstrap-servers",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                        "spring.security.oauth2.resourceserver.jwt.audiences");
        assertThat(properties.get("spring.datasource.url").get()).asString().endsWith("/infra_spring_it");
        assertThat(properties.get("spring.kafka.bootstrap-servers").get())
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(properties
                        .get("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
                        .get())
                .isEqualTo(infrastructure.tokens().jwkSetUri());
        assertThat(properties
                        .get("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                        .get())
                .isEqualTo(DevTokenIssuer.ISSUER);
        assertThat(properties
                        .get("spring.security.oauth2.resourceserver.jwt.audiences")
                        .get())
                .isEqualTo(DevTokenIssuer.AUDIENCE);
    }
}
