package pt.aima.platform.testing.harness;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.PlatformProperties;

/**
 * One harness for every service's integration tests: tokens, a REST client, the Kafka client and the test's
 * correlation id, and probes of the service's event store and inbox. Register it on a {@code @SpringBootTest} with a
 * random port (the Spring context is the one the test already starts; the harness only reads from it):
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * class SchedulingServiceIT {
 *
 *     @RegisterExtension
 *     static final ServiceHarness service = new ServiceHarness();
 *
 *     @DynamicPropertySource
 *     static void infrastructure(DynamicPropertyRegistry registry) {
 *         SpringTestInfrastructure.registerSpringProperties(registry, "scheduling_service_it");
 *     }
 *
 *     @Test
 *     void refusesBiometricsTwice() {
 *         var completed = service.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId));
 *         service.inbox().awaitProcessed(completed);
 *         Response again = service.as("caseworker-1", "CASEWORKER").post("/cases/{id}/biometrics", body, caseId);
 *         assertThat(again.problem().rule()).isEqualTo("BIOMETRICS_ALREADY_COLLECTED");
 *         assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(1);
 *     }
 * }
 * }</pre>
 *
 * <p>Every test gets a fresh correlation id: requests made through {@link #as} and {@link #anonymous()} carry it in
 * {@code X-Correlation-Id}, and envelopes made by {@link #publish} and {@link #envelope} carry it too, so the events
 * the test caused can be told apart from those of other tests sharing the Spring context ({@link
 * EventStoreProbe#countCausedByThisTest()}).
 *
 * <p>Waiting, never sleeping: {@link InboxProbe#awaitProcessed} waits for the consumer's inbox row of an event, and
 * {@link #awaitConsumed} for the service's consumer group to have committed past a record (for a duplicate or an
 * unsubscribed type, which leave no inbox row): after it, nothing more will come of that record.
 */
public class ServiceHarness implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    /** How long the harness waits for anything asynchronous before it fails the test. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final LocalInfrastructure infrastructure;
    private final Supplier<? extends ApplicationContext> started;
    private IntegrationEventsClient kafka;
    private volatile ExtensionContext current;
    private volatile String correlationId;

    /** On the shared local infrastructure, the one {@code SpringTestInfrastructure} points the service at. */
    public ServiceHarness() {
        this(LocalInfrastructure.shared());
    }

    public ServiceHarness(LocalInfrastructure infrastructure) {
        this(infrastructure, null);
    }

    private ServiceHarness(LocalInfrastructure infrastructure, Supplier<? extends ApplicationContext> started) {
        this.infrastructure = Objects.requireNonNull(infrastructure);
        this.started = started;
    }

    /**
     * For a test that starts the service itself, not through {@code @SpringBootTest} (to restart it on the same
     * database, say): every call reads the context {@code application} answers at that moment, so the harness follows
     * the service across restarts. The context must run a web server ({@code server.port=0} gives a free port).
     */
    public static ServiceHarness of(Supplier<? extends ApplicationContext> application) {
        return new ServiceHarness(LocalInfrastructure.shared(), Objects.requireNonNull(application));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = new IntegrationEventsClient(infrastructure.kafkaBootstrapServers(), PATIENCE);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        current = context;
        correlationId = "it-" + UUID.randomUUID();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServiceHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** This test's correlation id, new for every test. */
    public String correlationId() {
        return requireTest(correlationId);
    }

    /** A JWT from the development issuer the service trusts, for {@code subject} in {@code roles}. */
    public String token(String subject, String... roles) {
        return infrastructure.tokens().token(subject, roles);
    }

    /** Calls the service as {@code subject} with {@code roles}, with this test's correlation id. */
    public Caller as(String subject, String... roles) {
        return new Caller(baseUrl(), token(subject, roles), correlationId());
    }

    /** Calls the service with no token (to see 401), with this test's correlation id. */
    public Caller anonymous() {
        return new Caller(baseUrl(), null, correlationId());
    }

    /** The service's base URL, {@code http://localhost:<random port>}. */
    public String baseUrl() {
        return "http://localhost:" + spring().getEnvironment().getRequiredProperty("local.server.port");
    }

    /** The other services on Kafka: publish envelopes as the relay does, await what the service published. */
    public IntegrationEventsClient kafka() {
        if (kafka == null) {
            throw new IllegalStateException("register ServiceHarness as a static @RegisterExtension field");
        }
        return kafka;
    }

    /** An envelope of {@code event} as another service would publish it in this test's flow (correlation id). */
    public <E extends IntegrationEvent> EventEnvelope<E> envelope(E event) {
        return kafka().envelope(event, correlationId());
    }

    /** Publishes {@code event} in a new {@link #envelope} on {@code topic}; answers the envelope. */
    public <E extends IntegrationEvent> EventEnvelope<E> publish(String topic, E event) {
        return kafka().publish(topic, event, correlationId());
    }

    /**
     * Waits until the service's consumer group has committed past {@code sent}: the record was processed (applied,
     * skipped as a duplicate or an unsubscribed type, or dead-lettered) and nothing more will come of it.
     */
    public void awaitConsumed(RecordMetadata sent) {
        kafka().awaitConsumed(consumerGroup(), sent);
    }

    /** The service's event store (its {@code domain_event_entry} table). */
    public EventStoreProbe eventStore() {
        return new EventStoreProbe(jdbc(), correlationId);
    }

    /** The service's inbox: which integration events its consumer has applied. */
    public InboxProbe inbox() {
        return new InboxProbe(jdbc(), serviceName());
    }

    /** The service's name ({@code aima.service.name}): its consumer group, inbox consumer and system actor. */
    public String serviceName() {
        return spring().getBean(PlatformProperties.class).name();
    }

    /** The Kafka consumer group of the service's listeners. */
    public String consumerGroup() {
        return spring().getEnvironment().getProperty("spring.kafka.consumer.group-id", serviceName());
    }

    /** The Spring context of the test (or the one the test started, see {@link #of}), for beans the harness does not wrap. */
    public ApplicationContext spring() {
        if (started != null) {
            ApplicationContext application = started.get();
            if (application == null) {
                throw new IllegalStateException("the test has not started the service");
            }
            return application;
        }
        return SpringExtension.getApplicationContext(requireTest(current));
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(spring().getBean(DataSource.class));
    }

    private static <T> T requireTest(T value) {
        if (value == null) {
            throw new IllegalStateException("only inside a test (after @BeforeEach of ServiceHarness)");
        }
        return value;
    }
}
