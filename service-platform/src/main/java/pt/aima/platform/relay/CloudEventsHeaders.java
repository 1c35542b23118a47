package pt.aima.platform.relay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import pt.aima.kernel.Topics;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;

/**
 * The CloudEvents 1.0 attributes of a published record, in the Kafka protocol binding's binary mode: {@code ce_*}
 * headers beside the record, whose value (the CloudEvent's data, {@code application/json}) stays the platform's
 * envelope, so consumers that read the envelope read it as before and off-the-shelf CloudEvents tools read the
 * headers.
 *
 * <p>{@code ce_type} is {@code pt.aima.<domain>.<type>.v<version>}: the publishing domain (from the event's topic in
 * the published language, {@code aima.<domain>....}), the event's logical type and its schema version, so it is as
 * stable as they are and never names a Java class.
 */
public final class CloudEventsHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventsHeaders() {}

    /** The CloudEvents type of an integration event, e.g. {@code pt.aima.application.ApplicationRegistered.v1}. */
    public static String type(Class<? extends IntegrationEvent> event) {
        PublishedEvent published = event.getAnnotation(PublishedEvent.class);
        if (published == null) {
            throw new IllegalArgumentException(event.getName() + " is not a @PublishedEvent");
        }
        return "pt.aima." + domainOf(Topics.of(event)) + "." + published.type() + ".v" + published.version();
    }

    /** The CloudEvents source of a service's records, e.g. {@code /aima/application-service}. */
    public static String source(String service) {
        return "/aima/" + service;
    }

    static void add(Headers headers, EventEnvelope<? extends IntegrationEvent> envelope, String service) {
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        put(headers, ID, envelope.eventId().toString());
        put(headers, SOURCE, source(service));
        put(headers, TYPE, type(envelope.payload().getClass()));
        put(headers, TIME, envelope.occurredAt().toString());
        put(headers, SUBJECT, envelope.caseId().toString());
        put(headers, CONTENT_TYPE, JSON);
    }

    /** {@code aima.application.events.v1} and {@code aima.application.contacts.v1} are both {@code application}. */
    public static String domainOf(String topic) {
        String[] parts = topic.split("\\.");
        if (parts.length < 3 || !parts[0].equals("aima")) {
            throw new IllegalArgumentException("not a topic of the published language: " + topic);
        }
        return parts[1];
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
