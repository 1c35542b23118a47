package pt.aima.kernel;

import java.util.stream.Stream;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationEvent;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.document.DocumentEvent;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.notification.NotificationEvent;
import pt.aima.kernel.scheduling.SchedulingEvent;

/**
 * Kafka topics of the published language. Each service publishes only to its own topic; the version suffix changes
 * only if the whole topic's contract does (a new event version does not need a new topic).
 */
public final class Topics {

    public static final String APPLICATION_EVENTS = "aima.application.events.v1";
    public static final String DOCUMENT_EVENTS = "aima.document.events.v1";
    public static final String SCHEDULING_EVENTS = "aima.scheduling.events.v1";
    public static final String NOTIFICATION_EVENTS = "aima.notification.events.v1";

    /**
     * Applicants' contact data (personal data): published by application-service, read only by notification-service.
     * Kept off the case-event topics so that services which need no contact data never receive it.
     */
    public static final String APPLICANT_CONTACTS = "aima.application.contacts.v1";

    /**
     * The personal facts of each registered household (dates of birth, nationalities, residence histories): published by
     * application-service, read only by document-service, whose document rules need them.
     */
    public static final String HOUSEHOLD_FACTS = "aima.application.household.v1";

    /** Record headers, so a consumer can route or skip a record without parsing it. */
    public static final String HEADER_EVENT_ID = "aima-event-id";

    public static final String HEADER_EVENT_TYPE = "aima-event-type";
    public static final String HEADER_SCHEMA_VERSION = "aima-schema-version";

    private Topics() {}

    /** The topic an integration event is published on: the published language decides, not the publisher. */
    public static String of(IntegrationEvent event) {
        return of(event.getClass());
    }

    /** The topic every event of this type is published on (for documents and checks that have no instance). */
    public static String of(Class<? extends IntegrationEvent> type) {
        if (ApplicantContactRegistered.class.isAssignableFrom(type)) {
            return APPLICANT_CONTACTS;
        }
        if (HouseholdDeclared.class.isAssignableFrom(type)) {
            return HOUSEHOLD_FACTS;
        }
        if (ApplicationEvent.class.isAssignableFrom(type)) {
            return APPLICATION_EVENTS;
        }
        if (DocumentEvent.class.isAssignableFrom(type)) {
            return DOCUMENT_EVENTS;
        }
        if (SchedulingEvent.class.isAssignableFrom(type)) {
            return SCHEDULING_EVENTS;
        }
        if (NotificationEvent.class.isAssignableFrom(type)) {
            return NOTIFICATION_EVENTS;
        }
        throw new IllegalArgumentException("no topic for " + type.getName());
    }

    /**
     * Whether a topic carries personal data that only the services needing it may read: the contacts and household
     * topics, and every dead-letter topic of them (a dead letter is a copy of the record, so it is restricted like its
     * source).
     */
    public static boolean isRestricted(String topic) {
        return Stream.of(APPLICANT_CONTACTS, HOUSEHOLD_FACTS)
                .anyMatch(restricted ->
                        topic.equals(restricted) || (topic.startsWith(restricted + ".") && topic.endsWith(".dlt")));
    }

    /**
     * The dead-letter topic of one consuming service for one source topic: records that service could not process,
     * with the reason in the headers.
     */
    public static String deadLetterTopic(String sourceTopic, String consumingService) {
        return sourceTopic + "." + consumingService + ".dlt";
    }
}
