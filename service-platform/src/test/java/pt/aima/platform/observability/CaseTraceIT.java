package pt.aima.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.fixture.tracedapp.TracedTestApplication;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.testing.harness.ServiceHarness;

/**
 * One trace follows a case through a service and across Kafka, against a real PostgreSQL and a real broker: the
 * request's W3C trace context is stored with the events its command caused, the relay (on a processor thread of its
 * own) sends the record inside that trace with {@code traceparent} in its headers, and the listener continues it into
 * the events of the command it sends. Every span of the flow names the case and the flow's correlation id.
 */
@SpringBootTest(
        classes = TracedTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=traced-it",
            "aima.service.name=traced-it",
            "aima.service.consumes=" + TracedTestApplication.TOPIC
        })
class CaseTraceIT {

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_case_trace_it");
    }

    @Test
    void theRequestsTraceReachesTheRecordTheConsumerAndTheEventsOfItsCommand() {
        CaseId caseId = CaseId.newId();
        String traceId = randomHex(16);
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";

        ResponseEntity<Void> marked = mark(caseId, traceparent);
        assertThat(marked.getStatusCode().value()).isEqualTo(202);
        assertThat(marked.getHeaders().getFirst(CaseRequestTracing.TRACE_HEADER))
                .as("the caller learns the trace to look for")
                .isEqualTo(traceId);

        EventStore events = events();
        DomainEventMessage<?> markedEvent = events.readEvents(caseId.toString()).next();
        assertThat(markedEvent.getMetaData().get(CaseTracing.TRACEPARENT).toString())
                .as("the request's trace is stored with the event its command caused")
                .startsWith("00-" + traceId + "-");

        ConsumerRecord<String, byte[]> record = service.kafka()
                .awaitRecord(TracedTestApplication.TOPIC, candidate -> caseId.toString()
                        .equals(candidate.key()));
        assertThat(IntegrationEventsClient.header(record, CaseTracing.TRACEPARENT))
                .as("the relay sent the record inside the request's trace")
                .startsWith("00-" + traceId + "-");
        assertThat(IntegrationEventsClient.header(record, CaseTracing.BAGGAGE))
                .contains(CaseTracing.CASE_ID + "=" + caseId)
                .contains(CaseTracing.CORRELATION_ID + "=" + service.correlationId());

        List<? extends DomainEventMessage<?>> stored = await().atMost(ServiceHarness.PATIENCE)
                .until(() -> events.readEvents(caseId.toString()).asStream().toList(), all -> all.size() == 2);
        DomainEventMessage<?> acknowledged = stored.get(1);
        assertThat(acknowledged.getPayloadType().getSimpleName()).isEqualTo("Acknowledged");
        assertThat(acknowledged.getMetaData().get(CaseTracing.TRACEPARENT).toString())
                .as("the consumer continued the trace into the events of the command it sent")
                .startsWith("00-" + traceId + "-");
        assertThat(acknowledged.getMetaData().get(CaseTracing.BAGGAGE).toString())
                .contains(CaseTracing.CASE_ID + "=" + caseId);

        assertThat(service.as("auditor-1", "AUDITOR")
                        .get("/audit/cases/{caseId}/events", caseId)
                        .body()
                        .findValuesAsString("traceId"))
                .as("the case's history names the trace of each event")
                .containsExactly(traceId, traceId);

        List<MutableSpan> trace = await().atMost(ServiceHarness.PATIENCE)
                .until(() -> spansOf(traceId), spans -> spans.stream()
                        .anyMatch(span -> span.name() != null && span.name().startsWith("kafka-relay")));
        assertThat(trace)
                .extracting(MutableSpan::kind)
                .as("the request, the record's sending and its receiving")
                .contains(brave.Span.Kind.SERVER, brave.Span.Kind.PRODUCER, brave.Span.Kind.CONSUMER);
        assertThat(trace)
                .as("every span of the flow names the case and the flow")
                .allSatisfy(span -> {
                    assertThat(span.tag(CaseTracing.CASE_ID)).isEqualTo(caseId.toString());
                    assertThat(span.tag(CaseTracing.CORRELATION_ID)).isEqualTo(service.correlationId());
                });
    }

    @Test
    void noSpanLeavesTheProcessUnlessAnExporterIsConfigured() {
        assertThat(service.spring().getBeansOfType(zipkin2.reporter.brave.AsyncZipkinSpanHandler.class))
                .isEmpty();
        assertThat(service.spring().getEnvironment().getProperty("management.tracing.sampling.probability"))
                .as("every case is traced")
                .isEqualTo("1.0");
    }

    @Test
    void prometheusScrapesThePlatformsAndAxonsMeters() {
        CaseId caseId = CaseId.newId();
        assertThat(mark(caseId, "00-" + randomHex(16) + "-" + randomHex(8) + "-01")
                        .getStatusCode()
                        .value())
                .isEqualTo(202);
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> events().readEvents(caseId.toString()).asStream().count() == 2);

        ResponseEntity<String> scraped = service.as("operations-1", "OPERATIONS")
                .rest()
                .get()
                .uri("/actuator/prometheus")
                .retrieve()
                .toEntity(String.class);

        assertThat(scraped.getStatusCode().value()).isEqualTo(200);
        String metrics = scraped.getBody();
        assertThat(metrics)
                .contains("aima_relay_published_total{")
                .contains("aima_inbox_events_total{")
                .contains("application=\"traced-it\"")
                .as("Axon's message monitors")
                .containsPattern("(?m)^commandBus_\\w+\\{")
                .containsPattern("(?m)^eventProcessor_\\w+\\{.*kafka-relay");
        assertThat(service.spring().getBeansOfType(org.axonframework.micrometer.MetricsConfigurerModule.class))
                .as("the platform's monitors, registered once per payload type, in place of Axon's")
                .containsOnlyKeys("axonMessageMonitors");
    }

    /** Marks the case's ledger as a caller in the given trace would. */
    private static ResponseEntity<Void> mark(CaseId caseId, String traceparent) {
        return service.as("caseworker-1", "CASEWORKER")
                .rest()
                .post()
                .uri("/ledgers/{caseId}/marks", caseId)
                .header(CaseTracing.TRACEPARENT, traceparent)
                .retrieve()
                .toBodilessEntity();
    }

    private static EventStore events() {
        return service.spring().getBean(EventStore.class);
    }

    private static List<MutableSpan> spansOf(String traceId) {
        return TracedTestApplication.FINISHED.stream()
                .filter(span -> traceId.equals(span.traceId()))
                .toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
