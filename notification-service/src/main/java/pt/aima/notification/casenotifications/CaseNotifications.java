package pt.aima.notification.casenotifications;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ChecklistNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ContactChannelsIdentified;
import pt.aima.notification.casenotifications.CaseNotificationEvent.HouseholdNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDelivered;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDeliveryFailed;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDelivered;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDeliveryFailed;
import pt.aima.notification.casenotifications.MessageTemplate.Label;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistItem;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentMissed;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentRescheduled;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyChecklist;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDocumentRejected;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyEvidenceRequest;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;
import pt.aima.notification.casenotifications.NotificationCommand.RegisterContact;
import pt.aima.platform.eventstore.StoredAs;

/**
 * Everything a case's applicant has been told. The triggering events come from other services' topics in no
 * guaranteed order across topics, so any of them may be the first this service hears of a case.
 *
 * <p>An applicant is told each thing once: a notification is stored at most once per triggering event, recipient and
 * channel. The inbox of the Kafka consumer already drops a redelivered record; the case remembers what it stored as
 * well, so a replay, a reset inbox or a second path to the same event cannot tell the applicant twice.
 *
 * <p>Every notification goes to the portal inbox and by e-mail; by SMS too once the applicant gave a phone number.
 * An e-mail written before the contact data arrived waits for it in the delivery outbox, and fails (for operations
 * to see) if it never comes.
 */
@StoredAs("notification.CaseNotifications")
@Aggregate(snapshotTriggerDefinition = "caseNotificationsSnapshotTrigger")
class CaseNotifications {

    @AggregateIdentifier
    private CaseId caseId;

    /** {@code null} until the registration or the contact data reaches this service. */
    private String recipientId;

    /**
     * Until the registration tells the applicant's preference, notifications are written in Portuguese, the language
     * of the administration: an appointment or a decision that arrives first is stored at once, addressed to the
     * case, rather than held back.
     */
    private Language language = Language.PT;

    private boolean contactKnown;
    private boolean phoneGiven;

    private Map<UUID, String> relationships = new HashMap<>();
    private List<ChecklistItem> checklist = new ArrayList<>();

    private Set<Delivery> stored = new HashSet<>();
    private Map<UUID, Sent> outbound = new HashMap<>();
    private Set<UUID> delivered = new HashSet<>();

    /**
     * One notification answering one triggering event on one channel. A case has a single recipient, its applicant, so
     * this pair is the (triggering event, recipient, channel) a notification is unique by.
     */
    record Delivery(UUID triggeringEventId, Channel channel) {}

    /** An e-mail or SMS notification, remembered until its outcome is reported. */
    record Sent(UUID triggeringEventId, NotificationKind kind, Channel channel) {}

    CaseNotifications() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyRegistration command, NotificationTexts texts) {
        if (recipientId == null) {
            apply(new RecipientIdentified(command.caseId(), command.applicantId(), command.language()));
        }
        if (relationships.isEmpty() && !command.household().isEmpty()) {
            apply(new HouseholdNoted(command.caseId(), command.household()));
        }
        Map<String, Object> model = model(command.caseId());
        model.put("submittedOn", command.submittedOn());
        store(command.caseId(), command.triggeringEventId(), NotificationKind.RECEIPT, "receipt", model, texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterContact command) {
        if (recipientId == null) {
            apply(new RecipientIdentified(command.caseId(), command.applicantId(), command.language()));
        }
        if (!contactKnown || phoneGiven != command.phoneGiven()) {
            apply(new ContactChannelsIdentified(command.caseId(), command.emailGiven(), command.phoneGiven()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyChecklist command, NotificationTexts texts) {
        if (!stored.contains(new Delivery(command.triggeringEventId(), Channel.PORTAL_INBOX))) {
            apply(new ChecklistNoted(command.caseId(), command.items()));
        }
        Map<String, Object> model = model(command.caseId());
        model.put("members", byMember(command.items(), true));
        store(command.caseId(), command.triggeringEventId(), NotificationKind.CHECKLIST, "checklist", model, texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyDocumentRejected command, NotificationTexts texts) {
        Map<String, Object> model = model(command.caseId());
        model.put("document", Label.of("document.", command.documentType()));
        model.put("member", member(command.memberId()));
        model.put("reason", orEmpty(command.reason()));
        model.put("howToFix", Label.orEmpty("fix.", orEmpty(command.reasonCode())));
        store(
                command.caseId(),
                command.triggeringEventId(),
                NotificationKind.DOCUMENT_REJECTED,
                "document-rejected",
                model,
                texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyEvidenceRequest command, NotificationTexts texts) {
        Map<String, Object> model = model(command.caseId());
        model.put(
                "documents",
                command.documentTypes().stream()
                        .map(type -> Label.of("document.", type))
                        .toList());
        model.put("member", member(command.memberId()));
        model.put("reason", orEmpty(command.reason()));
        model.put("respondBy", command.respondBy());
        String template =
                switch (command.kind()) {
                    case EVIDENCE_REQUESTED -> "evidence-requested";
                    case EVIDENCE_REMINDER -> "evidence-reminder";
                    case EVIDENCE_EXPIRED -> "evidence-expired";
                    default -> throw new IllegalArgumentException("not an evidence notification: " + command.kind());
                };
        store(command.caseId(), command.triggeringEventId(), command.kind(), template, model, texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyBiometricAppointment command, NotificationTexts texts) {
        Map<String, Object> model = appointment(command.caseId(), command.deskId(), command.startsAt());
        model.put("durationMinutes", command.durationMinutes());
        store(command.caseId(), command.triggeringEventId(), NotificationKind.APPOINTMENT, "appointment", model, texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyAppointmentRescheduled command, NotificationTexts texts) {
        Map<String, Object> model = appointment(command.caseId(), command.deskId(), command.startsAt());
        model.put("durationMinutes", command.durationMinutes());
        model.put("previousDesk", orEmpty(command.previousDeskId()));
        model.put(
                "previousDate",
                command.previousStartsAt() == null
                        ? ""
                        : command.previousStartsAt().toLocalDate());
        model.put(
                "previousTime",
                command.previousStartsAt() == null
                        ? ""
                        : command.previousStartsAt().toLocalTime());
        model.put("reasonCode", Label.orEmpty("reschedule.", orEmpty(command.reasonCode())));
        model.put("reason", orEmpty(command.reason()));
        store(
                command.caseId(),
                command.triggeringEventId(),
                NotificationKind.APPOINTMENT_RESCHEDULED,
                "appointment-rescheduled",
                model,
                texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyAppointmentMissed command, NotificationTexts texts) {
        Map<String, Object> model = model(command.caseId());
        model.put("desk", command.deskId());
        model.put("date", command.startsAt().toLocalDate());
        model.put("time", command.startsAt().toLocalTime());
        model.put("rescheduled", command.rescheduled());
        store(
                command.caseId(),
                command.triggeringEventId(),
                NotificationKind.APPOINTMENT_MISSED,
                "appointment-missed",
                model,
                texts);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyDecision command, NotificationTexts texts, AppealPolicy appeal) {
        Map<String, Object> model = model(command.caseId());
        model.put("reasoning", orEmpty(command.reasoning()));
        String template;
        if (command.outcome() == Outcome.REFUSED) {
            template = "decision-refused";
            model.put(
                    "grounds",
                    command.grounds().stream()
                            .map(ground -> Label.of("ground.", ground))
                            .toList());
            model.put("appealDays", appeal.administrativeAppealDays());
            model.put("courtMonths", appeal.courtActionMonths());
        } else {
            template = "decision-granted";
        }
        store(command.caseId(), command.triggeringEventId(), NotificationKind.DECISION, template, model, texts);
    }

    @CommandHandler
    void handle(RecordDelivered command) {
        Sent sent = outbound.get(command.notificationId().value());
        if (sent == null || delivered.contains(command.notificationId().value())) {
            return;
        }
        apply(new NotificationDelivered(
                caseId, command.notificationId(), sent.triggeringEventId(), sent.kind(), sent.channel()));
    }

    @CommandHandler
    void handle(RecordDeliveryFailed command) {
        Sent sent = outbound.get(command.notificationId().value());
        if (sent == null || delivered.contains(command.notificationId().value())) {
            return;
        }
        apply(new NotificationDeliveryFailed(
                caseId,
                command.notificationId(),
                sent.triggeringEventId(),
                sent.kind(),
                sent.channel(),
                command.reasonCode(),
                command.reason()));
    }

    private void store(
            CaseId caseId,
            UUID triggeringEventId,
            NotificationKind kind,
            String templateKey,
            Map<String, Object> model,
            NotificationTexts texts) {
        RenderedText text = null;
        for (Channel channel : channelsOfRecipient()) {
            Delivery delivery = new Delivery(triggeringEventId, channel);
            if (stored.contains(delivery)) {
                continue;
            }
            if (text == null) {
                text = texts.render(MessageTemplate.of(templateKey, model), language);
            }
            apply(new NotificationStored(
                    caseId,
                    notificationIdOf(caseId, delivery),
                    triggeringEventId,
                    kind,
                    channel,
                    recipientId,
                    language,
                    text.subject(),
                    text.body()));
        }
    }

    /**
     * Every applicant has a portal inbox and is written to by e-mail (the outbox waits for the address if it is not
     * known yet); SMS only once the applicant gave a phone number.
     */
    private Set<Channel> channelsOfRecipient() {
        Set<Channel> channels = EnumSet.of(Channel.PORTAL_INBOX, Channel.EMAIL);
        if (phoneGiven) {
            channels.add(Channel.SMS);
        }
        return channels;
    }

    private static Map<String, Object> model(CaseId caseId) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("caseNumber", caseNumber(caseId));
        return model;
    }

    private Map<String, Object> appointment(CaseId caseId, String deskId, LocalDateTime startsAt) {
        Map<String, Object> model = model(caseId);
        model.put("desk", deskId);
        model.put("date", startsAt.toLocalDate());
        model.put("time", startsAt.toLocalTime());
        List<Map<String, Object>> originals = byMember(checklist, false);
        model.put("originals", originals);
        model.put("checklistKnown", !originals.isEmpty());
        return model;
    }

    /** The checklist grouped by family member, in checklist order; the case-wide items first when unassigned. */
    private List<Map<String, Object>> byMember(List<ChecklistItem> items, boolean withReasons) {
        Map<MemberId, List<Map<String, Object>>> grouped = new LinkedHashMap<>();
        for (ChecklistItem item : items) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("document", Label.of("document.", item.documentType()));
            if (withReasons) {
                document.put("reason", orEmpty(item.reason()));
            }
            grouped.computeIfAbsent(item.memberId(), id -> new ArrayList<>()).add(document);
        }
        List<Map<String, Object>> members = new ArrayList<>();
        grouped.forEach((memberId, documents) -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("member", member(memberId));
            member.put("documents", documents);
            members.add(member);
        });
        return members;
    }

    /** A family member as the texts name them: by relationship, or not at all when it is not known. */
    private Object member(MemberId memberId) {
        String relationship = memberId == null ? null : relationships.get(memberId.value());
        return relationship == null ? "" : Label.of("relationship.", relationship);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
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
    void on(ContactChannelsIdentified event) {
        caseId = event.caseId();
        contactKnown = true;
        phoneGiven = event.phoneGiven();
    }

    @EventSourcingHandler
    void on(HouseholdNoted event) {
        caseId = event.caseId();
        event.members().forEach(member -> relationships.put(member.memberId().value(), member.relationship()));
    }

    @EventSourcingHandler
    void on(ChecklistNoted event) {
        caseId = event.caseId();
        checklist = new ArrayList<>(event.items());
    }

    @EventSourcingHandler
    void on(NotificationStored event) {
        caseId = event.caseId();
        stored.add(new Delivery(event.triggeringEventId(), event.channel()));
        if (!event.channel().deliveredByStoring()) {
            outbound.put(
                    event.notificationId().value(), new Sent(event.triggeringEventId(), event.kind(), event.channel()));
        }
    }

    @EventSourcingHandler
    void on(NotificationDelivered event) {
        delivered.add(event.notificationId().value());
    }

    @EventSourcingHandler
    void on(NotificationDeliveryFailed event) {
        // Failed deliveries stay open: operations may retry them, and a late contact may still deliver them.
    }
}
