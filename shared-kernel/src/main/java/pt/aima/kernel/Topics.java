package pt.aima.kernel;

/**
 * Kafka topics of the published language. Each service publishes only to its own topic; the version suffix changes
 * only if the whole topic's contract does (a new event version does not need a new topic).
 */
public final class Topics {

    public static final String APPLICATION_EVENTS = "aima.application.events.v1";
    public static final String DOCUMENT_EVENTS = "aima.document.events.v1";
    public static final String SCHEDULING_EVENTS = "aima.scheduling.events.v1";
    public static final String NOTIFICATION_EVENTS = "aima.notification.events.v1";

    /** Record headers, so a consumer can route or skip a record without parsing it. */
    public static final String HEADER_EVENT_ID = "aima-event-id";

    public static final String HEADER_EVENT_TYPE = "aima-event-type";
    public static final String HEADER_SCHEMA_VERSION = "aima-schema-version";

    private Topics() {}

    /**
     * The dead-letter topic of one consuming service for one source topic: records that service could not process,
     * with the reason in the headers.
     */
    public static String deadLetterTopic(String sourceTopic, String consumingService) {
        return sourceTopic + "." + consumingService + ".dlt";
    }
}
