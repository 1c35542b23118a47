package pt.aima.notification.process.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDataErased;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationHeld;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.platform.projection.ReadModelTable;

/**
 * Which cases hold notifications, and since when: a row per held trigger, kept by a <b>subscribing</b> processing group
 * (registered in {@code config.AxonConfiguration}) in the transaction of the command that holds or writes it, so it
 * is never behind the case and nothing replays it. The hold sweep reads it; the case alone decides what to write.
 */
@Component
@ProcessingGroup(HeldNotifications.PROCESSING_GROUP)
public class HeldNotifications {

    public static final String PROCESSING_GROUP = "held-notifications";

    private final JdbcClient jdbc;
    private final Clock clock;

    HeldNotifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Held since now on the service's clock (the business clock, fixed when an operation is reproduced). */
    @EventHandler
    void on(NotificationHeld event) {
        jdbc.sql(
                        """
                insert into held_notification (triggering_event_id, case_id, awaiting, held_at)
                values (:trigger, :caseId, :awaiting, :heldAt)
                on conflict (triggering_event_id) do nothing
                """)
                .param("trigger", event.triggeringEventId())
                .param("caseId", event.caseId().value())
                .param("awaiting", event.awaiting())
                .param("heldAt", ReadModelTable.utc(clock.instant()))
                .update();
    }

    /** Written: no longer held, on whichever channels. */
    @EventHandler
    void on(NotificationWritten event) {
        written(event.triggeringEventId());
    }

    @EventHandler
    void on(NotificationStored event) {
        written(event.triggeringEventId());
    }

    private void written(UUID trigger) {
        jdbc.sql("delete from held_notification where triggering_event_id = :trigger")
                .param("trigger", trigger)
                .update();
    }

    /** An erased case writes nothing more: what it held is dropped (the case's events keep that it was held). */
    @EventHandler
    void on(NotificationDataErased event) {
        jdbc.sql("delete from held_notification where case_id = :caseId")
                .param("caseId", event.caseId().value())
                .update();
    }

    /** Cases holding a notification since before {@code now - maxWait}, longest held first; at most {@code limit}. */
    public List<UUID> heldLongerThan(Duration maxWait, int limit) {
        Instant before = clock.instant().minus(maxWait);
        return jdbc.sql(
                        """
                select case_id from held_notification
                where held_at < :before
                group by case_id
                order by min(held_at)
                limit :limit
                """)
                .param("before", ReadModelTable.utc(before))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** How many notifications are held now. */
    public long count() {
        return jdbc.sql("select count(*) from held_notification")
                .query(Long.class)
                .single();
    }
}
