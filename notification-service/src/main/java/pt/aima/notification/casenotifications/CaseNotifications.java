package pt.aima.notification.casenotifications;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.MessageTemplate.CodeList;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;

/**
 * Everything a case's applicant has been told. The triggering events come from other services' topics in no
 * guaranteed order across topics, so any of them may be the first this service hears of a case.
 *
 * <p>An applicant is told each thing once: a notification is stored at most once per triggering event, recipient and
 * channel. The inbox of the Kafka consumer already drops a redelivered record; the case remembers what it stored as
 * well, so a replay, a reset inbox or a second path to the same event cannot tell the applicant twice.
 */
@Aggregate(snapshotTriggerDefinition = "caseNotificationsSnapshotTrigger")
class CaseNotifications {

    @AggregateIdentifier
    private CaseId caseId;

    /** {@code null} until the registration reaches this service. */
    private String recipientId;

    /**
     * Until the registration tells the applicant's preference, notifications are written in Portuguese, the language
     * of the administration: an appointment or a decision that arrives first is stored at once, addressed to the
     * case, rather than held back.
     */
    private Language language = Language.PT;

    private Set<Delivery> stored = new HashSet<>();

    /**
     * One notification answering one triggering event on one channel. A case has a single recipient, its applicant, so
     * this pair is the (triggering event, recipient, channel) a notification is unique by.
     */
    record Delivery(UUID triggeringEventId, Channel channel) {}

    CaseNotifications() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyRegistration command, NotificationTexts texts) {
        if (recipientId == null) {
            apply(new RecipientIdentified(command.caseId(), command.applicantId(), command.language()));
        }
        store(
                command,
                NotificationKind.RECEIPT,
                MessageTemplate.of("receipt", caseNumber(command.caseId()), command.submittedOn()),
                texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyBiometricAppointment command, NotificationTexts texts) {
        store(
                command,
                NotificationKind.APPOINTMENT,
                MessageTemplate.of(
                        "appointment",
                        caseNumber(command.caseId()),
                        command.deskId(),
                        command.startsAt().toLocalDate(),
                        command.startsAt().toLocalTime(),
                        command.durationMinutes()),
                texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyDecision command, NotificationTexts texts) {
        String reasoning = command.reasoning() == null ? "" : command.reasoning();
        MessageTemplate template = command.outcome() == Outcome.REFUSED
                ? MessageTemplate.of(
                        "decision.refused",
                        caseNumber(command.caseId()),
                        new CodeList("ground.", command.grounds()),
                        reasoning)
                : MessageTemplate.of("decision.granted", caseNumber(command.caseId()), reasoning);
        store(command, NotificationKind.DECISION, template, texts);
    }

    private void store(
            NotificationCommand command, NotificationKind kind, MessageTemplate template, NotificationTexts texts) {
        for (Channel channel : channelsOfRecipient()) {
            Delivery delivery = new Delivery(command.triggeringEventId(), channel);
            if (stored.contains(delivery)) {
                continue;
            }
            RenderedText text = texts.render(template, language);
            apply(new NotificationStored(
                    command.caseId(),
                    notificationIdOf(command.caseId(), delivery),
                    command.triggeringEventId(),
                    kind,
                    channel,
                    recipientId,
                    language,
                    text.subject(),
                    text.body()));
        }
    }

    /** Every applicant has a portal inbox; e-mail and SMS will depend on the contact data the applicant gave. */
    private Set<Channel> channelsOfRecipient() {
        return EnumSet.of(Channel.PORTAL_INBOX);
    }

    /** The applicant quotes the case id as the case number. */
    private static String caseNumber(CaseId caseId) {
        return caseId.toString();
    }

    /** The same triggering event on the same channel always names the same notification. */
    static NotificationId notificationIdOf(CaseId caseId, Delivery delivery) {
        String name = "notification:" + caseId + ":" + delivery.triggeringEventId() + ":" + delivery.channel();
        return new NotificationId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    @EventSourcingHandler
    void on(RecipientIdentified event) {
        caseId = event.caseId();
        recipientId = event.applicantId();
        language = event.language();
    }

    @EventSourcingHandler
    void on(NotificationStored event) {
        caseId = event.caseId();
        stored.add(new Delivery(event.triggeringEventId(), event.channel()));
    }
}
