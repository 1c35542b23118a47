package pt.aima.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.testing.harness.ServiceHarness;
import pt.aima.platform.testing.tracing.FinishedSpans;

/**
 * A delivery belongs to the trace of the request that caused it: the registration arrives in the trace of the REST call
 * that registered the case (its record's {@code traceparent}, as application-service's relay writes it), and the e-mail
 * is sent, and its outcome reported and published, in spans of that same trace that name the case and the flow, though
 * the sender runs on a thread of its own, later, from the outbox.
 */
class DeliveryTraceIT extends NotificationServiceTestBase {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();

    @Test
    void theDeliveryAndItsPublishedOutcomeContinueTheTraceOfTheRequestThatRegisteredTheCase() {
        CaseId caseId = CaseId.newId();
        String email = "trace-" + caseId + "@example.org";
        service.awaitConsumed(service.kafka()
                .send(
                        Topics.APPLICATION_EVENTS,
                        service.envelope(
                                new ApplicantContactRegistered(caseId, "applicant-" + caseId, email, null, "pt"))));
        String registrationTrace = FinishedSpans.newTraceId();

        RecordMetadata sent = sendInTrace(
                service.envelope(registration(caseId, "applicant-" + caseId, MemberId.newId(), "pt")),
                registrationTrace);
        service.awaitConsumed(sent);
        awaitDeliveriesSettled(caseId);

        List<MutableSpan> trace = await().atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> FinishedSpans.ofTrace(registrationTrace),
                        spans -> named(spans, "notification-delivery EMAIL")
                                && named(spans, "notification-delivery report SENT"));
        assertThat(trace)
                .filteredOn(span -> span.name().startsWith("notification-delivery"))
                .as("the delivery's spans name the case and the flow")
                .isNotEmpty()
                .allSatisfy(span -> {
                    assertThat(span.tag(CaseTracing.CASE_ID)).isEqualTo(caseId.toString());
                    assertThat(span.tag(CaseTracing.CORRELATION_ID)).isEqualTo(service.correlationId());
                });
        assertThat(TestMailServer.shared().messagesTo(email)).hasSize(1);

        ConsumerRecord<String, byte[]> published = service.kafka()
                .awaitRecord(
                        Topics.NOTIFICATION_EVENTS,
                        record -> caseId.toString().equals(record.key())
                                && "NotificationSent"
                                        .equals(IntegrationEventsClient.header(record, Topics.HEADER_EVENT_TYPE)));
        assertThat(IntegrationEventsClient.header(published, CaseTracing.TRACEPARENT))
                .as("the outcome is published in the registration's trace")
                .startsWith("00-" + registrationTrace + "-");
    }

    /** Sends the envelope as application-service's relay does, in the trace of the request that registered the case. */
    private static RecordMetadata sendInTrace(EventEnvelope<ApplicationRegistered> envelope, String traceId) {
        var record = new ProducerRecord<>(
                Topics.APPLICATION_EVENTS, envelope.caseId().toString(), codec.encode(envelope));
        record.headers().add(Topics.HEADER_EVENT_ID, bytes(envelope.eventId().toString()));
        record.headers().add(Topics.HEADER_EVENT_TYPE, bytes(envelope.type()));
        record.headers().add(Topics.HEADER_SCHEMA_VERSION, bytes(Integer.toString(envelope.version())));
        record.headers().add(CaseTracing.TRACEPARENT, bytes(FinishedSpans.traceparent(traceId)));
        record.headers()
                .add(
                        CaseTracing.BAGGAGE,
                        bytes(CaseTracing.CASE_ID + "=" + envelope.caseId() + "," + CaseTracing.CORRELATION_ID + "="
                                + envelope.correlationId()));
        return service.kafka().sendRaw(record);
    }

    private static boolean named(List<MutableSpan> spans, String name) {
        return spans.stream().anyMatch(span -> name.equals(span.name()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
