package pt.aima.notification.projection.portalinbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.notification.NotificationServiceTestBase;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.Channel;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.NotificationKind;
import pt.aima.notification.projection.portalinbox.PortalInboxQueries.Inbox;

/**
 * The portal-inbox projection's handlers called directly, on the real tables: a case's history applied twice (a
 * redelivery, or a replay over rows that are still there) gives the inbox it gave once. Each test uses a case of its
 * own and never resets the tables, which the other tests of the shared context still read.
 */
class PortalInboxProjectionIT extends NotificationServiceTestBase {

    private static final Instant MORNING = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    @Autowired
    PortalInboxProjection projection;

    @Autowired
    PortalInboxQueries queries;

    @Test
    void aRedeliveredHistoryGivesTheSameInboxAndTheRecipientArrivingLateTakesOverTheEarlyNotifications() {
        CaseId caseId = CaseId.newId();
        NotificationStored appointment = stored(caseId, NotificationKind.APPOINTMENT, Channel.PORTAL_INBOX, null);
        NotificationStored appointmentByEmail = stored(caseId, NotificationKind.APPOINTMENT, Channel.EMAIL, null);
        // Written since 4 December 2026 once for all channels; a case's history may hold both shapes.
        NotificationId receiptInInbox = new NotificationId(UUID.randomUUID());
        NotificationWritten receipt = new NotificationWritten(
                caseId,
                UUID.randomUUID(),
                NotificationKind.RECEIPT,
                List.of(
                        new NotificationWritten.Copy(Channel.PORTAL_INBOX, receiptInInbox),
                        new NotificationWritten.Copy(Channel.EMAIL, new NotificationId(UUID.randomUUID()))),
                "applicant-late",
                Language.PT,
                "RECEIPT subject",
                "RECEIPT body");
        List<Runnable> history = List.of(
                () -> projection.on(appointment, 0, MORNING),
                () -> projection.on(appointmentByEmail, 1, MORNING),
                () -> projection.on(new RecipientIdentified(caseId, "applicant-late", Language.EN), 2, NOON),
                () -> projection.on(receipt, 3, NOON));

        history.getFirst().run();
        assertThat(queries.findInbox(caseId.value()))
                .get()
                .as("an inbox nobody can claim yet")
                .extracting(Inbox::applicantId)
                .isNull();
        history.forEach(Runnable::run);
        Inbox live = queries.findInbox(caseId.value()).orElseThrow();
        history.forEach(Runnable::run);

        assertThat(queries.findInbox(caseId.value())).contains(live);
        assertThat(live.applicantId()).isEqualTo("applicant-late");
        assertThat(live.notifications())
                .as("the portal's notifications only, in the order they were stored, at the time of their event")
                .extracting(NotificationView::notificationId, NotificationView::kind, NotificationView::createdAt)
                .containsExactly(
                        tuple(appointment.notificationId().value(), "APPOINTMENT", MORNING.atOffset(ZoneOffset.UTC)),
                        tuple(receiptInInbox.value(), "RECEIPT", NOON.atOffset(ZoneOffset.UTC)));
    }

    private static NotificationStored stored(CaseId caseId, NotificationKind kind, Channel channel, String recipient) {
        return new NotificationStored(
                caseId,
                new NotificationId(UUID.randomUUID()),
                UUID.randomUUID(),
                kind,
                channel,
                recipient,
                Language.PT,
                kind + " subject",
                kind + " body");
    }
}
