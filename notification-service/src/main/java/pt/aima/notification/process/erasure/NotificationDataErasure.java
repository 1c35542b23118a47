package pt.aima.notification.process.erasure;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDataErased;
import pt.aima.notification.process.delivery.DeliveryOutbox;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.privacy.PersonalDataKeys;
import pt.aima.platform.privacy.PersonalDataSerializer;

/**
 * Destroys notification-service's copies of an erased applicant's personal data in the transaction that records the
 * erasure: a <b>subscribing</b> processing group (registered in {@code config.AxonConfiguration}), so the erasure
 * commits with its effects or not at all, and nothing replays it.
 *
 * <ul>
 *   <li>the applicant's data key in this service, and the case's (the words written before the applicant was known):
 *       every notification's subject and body stored under them reads as erased from then on, in the event store and
 *       in any rebuild of the portal inbox;
 *   <li>the contact copy and the words kept in the delivery outbox (e-mails and SMS not yet sent are never sent);
 *   <li>the case's snapshots, which may hold the words of notifications written before the contact arrived (the case
 *       is loaded from its events instead, where they read as erased).
 * </ul>
 *
 * The portal inbox's rows are erased by its own projection, in event order.
 */
@Component
@ProcessingGroup(NotificationDataErasure.PROCESSING_GROUP)
public class NotificationDataErasure {

    public static final String PROCESSING_GROUP = "notification-data-erasure";

    private final DeliveryOutbox outbox;
    private final PersonalDataKeys keys;
    private final JdbcClient jdbc;

    NotificationDataErasure(DeliveryOutbox outbox, PersonalDataKeys keys, JdbcClient jdbc) {
        this.outbox = outbox;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(
            NotificationDataErased event,
            @Timestamp Instant at,
            @MetaDataValue(ActingContext.ACTOR_SUBJECT) String erasedBy) {
        String by = erasedBy == null ? "notification-service" : erasedBy;
        outbox.personalDataErased(event.caseId().value(), event.applicantId());
        // false when another of the applicant's cases destroyed it first: nothing left to do
        keys.erase(event.applicantId(), event.legalBasis(), by, at);
        // the words written before the case's applicant was known (NotificationWritten's and NotificationStored's
        // @DataSubject(orElse))
        keys.erase(PersonalDataSerializer.caseSubject(event.caseId()), event.legalBasis(), by, at);
        EventSchema schema = PostgresEventStorage.SCHEMA;
        jdbc.sql("delete from " + schema.snapshotTable() + " where " + schema.aggregateIdentifierColumn()
                        + " = :caseId")
                .param("caseId", event.caseId().toString())
                .update();
    }
}
