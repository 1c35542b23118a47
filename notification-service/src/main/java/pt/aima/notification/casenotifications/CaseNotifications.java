package pt.aima.notification.casenotifications;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ChecklistNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ContactChannelsIdentified;
import pt.aima.notification.casenotifications.CaseNotificationEvent.HouseholdNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDataErased;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDelivered;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDeliveryFailed;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationHeld;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten.Copy;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RegistrationNoted;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDelivered;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDeliveryFailed;
import pt.aima.notification.casenotifications.DeliveryCommand.ReleaseHeldNotifications;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistItem;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistRequirement;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentMissed;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentRescheduled;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyChecklist;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDeadlineExtended;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDocumentRejected;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyEvidenceRequest;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;
import pt.aima.notification.casenotifications.NotificationCommand.RegisterContact;
import pt.aima.notification.casenotifications.NotificationMessage.Appointment;
import pt.aima.notification.casenotifications.NotificationMessage.AppointmentMissed;
import pt.aima.notification.casenotifications.NotificationMessage.AppointmentRescheduled;
import pt.aima.notification.casenotifications.NotificationMessage.Checklist;
import pt.aima.notification.casenotifications.NotificationMessage.DeadlineExtended;
import pt.aima.notification.casenotifications.NotificationMessage.DecisionGranted;
import pt.aima.notification.casenotifications.NotificationMessage.DecisionRefused;
import pt.aima.notification.casenotifications.NotificationMessage.DocumentRejected;
import pt.aima.notification.casenotifications.NotificationMessage.EvidenceExpired;
import pt.aima.notification.casenotifications.NotificationMessage.EvidenceReminder;
import pt.aima.notification.casenotifications.NotificationMessage.EvidenceRequested;
import pt.aima.notification.casenotifications.NotificationMessage.MemberDocuments;
import pt.aima.notification.casenotifications.NotificationMessage.MemberOriginals;
import pt.aima.notification.casenotifications.NotificationMessage.Original;
import pt.aima.notification.casenotifications.NotificationMessage.Receipt;
import pt.aima.notification.casenotifications.NotificationMessage.RequiredDocument;
import pt.aima.platform.eventstore.StoredAs;

/**
 * Everything a case's applicant has been told. The triggering events come from other services' topics in no
 * guaranteed order across topics, so any of them may be the first this service hears of a case.
 *
 * <p>An applicant is told each thing once: a notification is stored at most once per triggering event, recipient and
 * channel. The inbox of the Kafka consumer already drops a redelivered record; the case remembers what it stored as
 * well, so a replay, a reset inbox or a second path to the same event cannot tell the applicant twice.
 *
 * <p>Every notification goes to the portal inbox and by e-mail; by SMS too when the applicant gave a phone number.
 *
 * <p>What a notification says depends on more than its trigger: the applicant's language and household (from the
 * registration), for an appointment the originals to bring (from the checklist). So that the same history always gives
 * the same words, whatever order the topics delivered it in (auditors replay the recovery operation and compare), a
 * trigger that arrives before these is held in the case ({@code NotificationHeld}) and written when they are known;
 * what was written before the contact arrived goes by SMS too once the contact gives a phone number. A hold is bounded ({@code aima.notification.hold.max-wait}): then the notification
 * is written with what is known (in Portuguese and addressed to the case before a registration; an e-mail then waits
 * for the contact data in the delivery outbox, and fails for operations to see if it never comes).
 */
@StoredAs("notification.CaseNotifications")
@Aggregate(
        snapshotTriggerDefinition = "caseNotificationsSnapshotTrigger",
        cache = "aggregateCache",
        lockFactory = "aggregateLocks")
@Revision("2") // 2: held notifications, registration and checklist known; Axon ignores snapshots of other revisions
class CaseNotifications {

    /**
     * The rescheduling reasons whose words are a person's (operations closing a desk), told to the applicant as their
     * note; every other reason's words are the scheduler's own English and the code says it all.
     */
    private static final Set<String> PERSONAL_RESCHEDULING_REASONS = Set.of("DESK_CLOSED");

    @AggregateIdentifier
    private CaseId caseId;

    /** {@code null} until the registration or the contact data reaches this service. */
    private String recipientId;

    /**
     * Portuguese, the language of the administration, until the registration or the contact tells the applicant's
     * preference; a notification is written in it only when a hold ran out before either arrived.
     */
    private Language language = Language.PT;

    private boolean registrationKnown;
    private boolean contactKnown;
    private boolean phoneGiven;
    private boolean checklistKnown;

    /**
     * The applicant's personal data was erased: no trigger is written or held any more ({@link #notify}); what was
     * held, and the inbox copies an SMS could still catch up with, are dropped with the erasure.
     */
    private boolean erased;

    /** Triggers held until their words can be written ({@link NotificationHeld}), in the order they arrived. */
    private Map<UUID, NotificationCommand> held = new LinkedHashMap<>();

    /** The inbox copy of each notification written before the first contact arrived, by trigger; then emptied. */
    private Map<UUID, NotificationStored> writtenBeforeContact = new LinkedHashMap<>();

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
    void handle(NotifyRegistration command, NotificationTexts texts, AppealPolicy appeal) {
        if (recipientId == null) {
            apply(new RecipientIdentified(command.caseId(), command.applicantId(), command.language()));
        }
        if (relationships.isEmpty() && !command.household().isEmpty()) {
            apply(new HouseholdNoted(command.caseId(), command.household()));
        }
        if (!registrationKnown) {
            apply(new RegistrationNoted(command.caseId()));
        }
        notify(command, texts, appeal);
        releaseReady(texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterContact command, NotificationTexts texts, AppealPolicy appeal) {
        if (recipientId == null) {
            apply(new RecipientIdentified(command.caseId(), command.applicantId(), command.language()));
        }
        if (!contactKnown || phoneGiven != command.phoneGiven()) {
            List<NotificationStored> before = List.copyOf(writtenBeforeContact.values());
            apply(new ContactChannelsIdentified(command.caseId(), command.emailGiven(), command.phoneGiven()));
            if (command.phoneGiven()) {
                before.forEach(this::catchUpBySms);
            }
        }
        releaseReady(texts, appeal);
    }

    /**
     * A notification written before the first contact arrived goes by SMS too when the contact gives a phone number,
     * with the same words: so which of the two topics delivered first never decides whether the applicant was texted.
     */
    private void catchUpBySms(NotificationStored inbox) {
        Delivery sms = new Delivery(inbox.triggeringEventId(), Channel.SMS);
        if (stored.contains(sms)) {
            return;
        }
        apply(new NotificationWritten(
                inbox.caseId(),
                inbox.triggeringEventId(),
                inbox.kind(),
                List.of(new Copy(Channel.SMS, notificationIdOf(inbox.caseId(), sms))),
                inbox.recipientId(),
                inbox.language(),
                inbox.subject(),
                inbox.body()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyChecklist command, NotificationTexts texts, AppealPolicy appeal) {
        UUID trigger = command.triggeringEventId();
        if (!erased && !stored.contains(new Delivery(trigger, Channel.PORTAL_INBOX)) && !held.containsKey(trigger)) {
            apply(new ChecklistNoted(
                    command.caseId(),
                    command.items().stream().map(ChecklistRequirement::item).toList()));
        }
        notify(command, texts, appeal);
        releaseReady(texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyDocumentRejected command, NotificationTexts texts, AppealPolicy appeal) {
        notify(command, texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyEvidenceRequest command, NotificationTexts texts, AppealPolicy appeal) {
        notify(command, texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyBiometricAppointment command, NotificationTexts texts, AppealPolicy appeal) {
        notify(command, texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyAppointmentRescheduled command, NotificationTexts texts, AppealPolicy appeal) {
        notify(command, texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyAppointmentMissed command, NotificationTexts texts, AppealPolicy appeal) {
        notify(command, texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyDecision command, NotificationTexts texts, AppealPolicy appeal) {
        notify(command, texts, appeal);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(NotifyDeadlineExtended command, NotificationTexts texts, AppealPolicy appeal) {
        notify(command, texts, appeal);
    }

    /**
     * The applicant's data was erased in application-service: recorded once (a redelivery changes nothing), whether or
     * not this service ever wrote to the applicant, so the erasure's effects ({@code process.erasure}) always run.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EraseNotificationData command) {
        if (!erased) {
            apply(new NotificationDataErased(command.caseId(), command.applicantId(), command.legalBasis()));
        }
    }

    /** The hold has lasted long enough: everything held is written with what is known now. */
    @CommandHandler
    void handle(ReleaseHeldNotifications command, NotificationTexts texts, AppealPolicy appeal) {
        for (NotificationCommand trigger : List.copyOf(held.values())) {
            store(trigger, message(trigger, appeal), texts);
        }
    }

    /**
     * Writes the notification a trigger asks for, or holds the trigger while something its words depend on is not
     * known yet. A trigger already written on some channel is never held again (a redelivery only adds a channel the
     * applicant gained since).
     */
    private void notify(NotificationCommand command, NotificationTexts texts, AppealPolicy appeal) {
        UUID trigger = command.triggeringEventId();
        if (erased || held.containsKey(trigger)) {
            return;
        }
        String awaiting = awaiting(command);
        if (awaiting != null && !storedFor(trigger)) {
            apply(new NotificationHeld(command.caseId(), trigger, command, awaiting));
            return;
        }
        store(command, message(command, appeal), texts);
    }

    /** Writes every held notification whose words can now be written, in the order their triggers arrived. */
    private void releaseReady(NotificationTexts texts, AppealPolicy appeal) {
        for (NotificationCommand trigger : List.copyOf(held.values())) {
            if (awaiting(trigger) == null) {
                store(trigger, message(trigger, appeal), texts);
            }
        }
    }

    /**
     * What a notification's words still wait for, or {@code null}: the registration (the applicant, their language
     * and household), and for an appointment the checklist (the originals to bring). Every registered case gets its
     * checklist, so a hold normally lasts only as long as one topic is behind another. The contact is not waited for:
     * what is written before it arrives goes by SMS too once it gives a phone number ({@link #catchUpBySms}).
     */
    private String awaiting(NotificationCommand command) {
        if (!registrationKnown) {
            return "REGISTRATION";
        }
        boolean appointment =
                command instanceof NotifyBiometricAppointment || command instanceof NotifyAppointmentRescheduled;
        return appointment && !checklistKnown ? "CHECKLIST" : null;
    }

    private boolean storedFor(UUID trigger) {
        for (Channel channel : Channel.values()) {
            if (stored.contains(new Delivery(trigger, channel))) {
                return true;
            }
        }
        return false;
    }

    /** The message a trigger asks for, from the case as it is known now. */
    private NotificationMessage message(NotificationCommand trigger, AppealPolicy appeal) {
        String caseNumber = caseNumber(trigger.caseId());
        return switch (trigger) {
            case NotifyRegistration command -> new Receipt(caseNumber, command.submittedOn());
            case NotifyChecklist command ->
                new Checklist(
                        caseNumber,
                        byMember(
                                command.items(),
                                ChecklistRequirement::memberId,
                                (member, items) -> new MemberDocuments(
                                        member,
                                        items.stream()
                                                .map(item -> new RequiredDocument(
                                                        document(item.documentType()), reason(item)))
                                                .toList())));
            case NotifyDocumentRejected command ->
                new DocumentRejected(
                        caseNumber,
                        document(command.documentType()),
                        member(command.memberId()),
                        Label.orGeneric("reject.", command.reasonCode(), Map.of()),
                        command.reason(),
                        command.reasonCode() == null ? null : Label.orEmpty("fix.", command.reasonCode()));
            case NotifyEvidenceRequest command -> evidenceMessage(caseNumber, command);
            case NotifyBiometricAppointment command -> {
                List<MemberOriginals> originals = originalsToBring();
                yield new Appointment(
                        caseNumber,
                        command.deskId(),
                        command.startsAt().toLocalDate(),
                        command.startsAt().toLocalTime(),
                        command.durationMinutes(),
                        originals,
                        !originals.isEmpty());
            }
            case NotifyAppointmentRescheduled command -> {
                List<MemberOriginals> originals = originalsToBring();
                LocalDateTime previous = command.previousStartsAt();
                yield new AppointmentRescheduled(
                        caseNumber,
                        command.deskId(),
                        command.startsAt().toLocalDate(),
                        command.startsAt().toLocalTime(),
                        command.durationMinutes(),
                        originals,
                        !originals.isEmpty(),
                        command.previousDeskId(),
                        previous == null ? null : previous.toLocalDate(),
                        previous == null ? null : previous.toLocalTime(),
                        Label.orGeneric("reschedule.", command.reasonCode(), Map.of()),
                        command.reasonCode() != null && PERSONAL_RESCHEDULING_REASONS.contains(command.reasonCode())
                                ? command.reason()
                                : null);
            }
            case NotifyAppointmentMissed command ->
                new AppointmentMissed(
                        caseNumber,
                        command.deskId(),
                        command.startsAt().toLocalDate(),
                        command.startsAt().toLocalTime(),
                        command.rescheduled());
            case NotifyDecision command ->
                command.outcome() == Outcome.REFUSED
                        ? new DecisionRefused(
                                caseNumber,
                                command.grounds().stream()
                                        .map(ground -> Label.orGeneric("ground.", ground, Map.of()))
                                        .toList(),
                                command.reasoning(),
                                appeal.administrativeAppealDays(),
                                appeal.courtActionMonths())
                        : new DecisionGranted(caseNumber, command.reasoning());
            case NotifyDeadlineExtended command ->
                new DeadlineExtended(caseNumber, command.decideBy(), command.reason());
            case RegisterContact command ->
                throw new IllegalArgumentException("a contact is not a notification: " + command.triggeringEventId());
        };
    }

    private NotificationMessage evidenceMessage(String caseNumber, NotifyEvidenceRequest command) {
        List<Label> documents = command.documentTypes().stream()
                .map(CaseNotifications::document)
                .toList();
        Label member = member(command.memberId());
        return switch (command.kind()) {
            case EVIDENCE_REQUESTED ->
                new EvidenceRequested(caseNumber, documents, member, command.reason(), command.respondBy());
            case EVIDENCE_REMINDER -> new EvidenceReminder(caseNumber, documents, member, command.respondBy());
            case EVIDENCE_EXPIRED -> new EvidenceExpired(caseNumber, documents, member, command.respondBy());
            default -> throw new IllegalArgumentException("not an evidence notification: " + command.kind());
        };
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

    /**
     * Stores the message, written once in the recipient's language, on every channel of the recipient it has not been
     * stored on for this triggering event: one event for all those channels.
     */
    private void store(NotificationCommand command, NotificationMessage message, NotificationTexts texts) {
        List<Copy> copies = new ArrayList<>();
        for (Channel channel : channelsOfRecipient()) {
            Delivery delivery = new Delivery(command.triggeringEventId(), channel);
            if (!stored.contains(delivery)) {
                copies.add(new Copy(channel, notificationIdOf(command.caseId(), delivery)));
            }
        }
        if (copies.isEmpty()) {
            return;
        }
        RenderedText text = texts.render(message, language);
        apply(new NotificationWritten(
                command.caseId(),
                command.triggeringEventId(),
                message.kind(),
                copies,
                recipientId,
                language,
                text.subject(),
                text.body()));
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

    /** The originals to bring to the appointment: the case's checklist, by family member. */
    private List<MemberOriginals> originalsToBring() {
        return byMember(
                checklist,
                ChecklistItem::memberId,
                (member, items) -> new MemberOriginals(
                        member,
                        items.stream()
                                .map(item -> new Original(document(item.documentType())))
                                .toList()));
    }

    /**
     * Checklist items grouped by family member, in checklist order. Members the texts cannot name (the application's
     * own documents, a member whose relationship is not known) each keep a group of their own, with no name.
     */
    private <I, T> List<T> byMember(
            List<I> items, Function<I, MemberId> memberOf, BiFunction<Label, List<I>, T> group) {
        Map<MemberId, List<I>> grouped = new LinkedHashMap<>();
        for (I item : items) {
            grouped.computeIfAbsent(memberOf.apply(item), id -> new ArrayList<>())
                    .add(item);
        }
        return grouped.entrySet().stream()
                .map(entry -> group.apply(member(entry.getKey()), entry.getValue()))
                .toList();
    }

    /** A family member as the texts name them: by relationship; {@code null} (not named) when it is not known. */
    private Label member(MemberId memberId) {
        String relationship = memberId == null ? null : relationships.get(memberId.value());
        return relationship == null ? null : Label.of("relationship.", relationship);
    }

    /**
     * Why a checklist item is required, worded from its code in the applicant's language, never from document-service's
     * English sentence. The facts the reason names are worded too: durations (ISO-8601 periods) in the applicant's
     * words, the address title by its label, anything else as given (numbers, versions, country codes). Without a code,
     * or with a fact that cannot be read, the generic reason is given rather than a sentence with a gap.
     */
    private static Label reason(ChecklistRequirement item) {
        Map<String, Object> facts = new HashMap<>();
        try {
            item.reasonValues()
                    .forEach((name, value) -> facts.put(
                            name,
                            switch (name) {
                                case "foreignStay", "portugueseStay", "lookback" -> Period.parse(value);
                                case "addressTitle" -> Label.of("addressTitle.", value);
                                default -> value;
                            }));
        } catch (DateTimeParseException e) {
            return Label.orGeneric("required.", null, Map.of());
        }
        return Label.orGeneric("required.", item.reasonCode(), facts);
    }

    private static Label document(String documentType) {
        return Label.of("document.", documentType);
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
    void on(RegistrationNoted event) {
        caseId = event.caseId();
        registrationKnown = true;
    }

    @EventSourcingHandler
    void on(NotificationHeld event) {
        caseId = event.caseId();
        held.put(event.triggeringEventId(), event.trigger());
    }

    @EventSourcingHandler
    void on(ContactChannelsIdentified event) {
        caseId = event.caseId();
        contactKnown = true;
        phoneGiven = event.phoneGiven();
        writtenBeforeContact.clear();
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
        checklistKnown = true;
    }

    @EventSourcingHandler
    void on(NotificationWritten event) {
        event.perChannel().forEach(this::on);
    }

    /** One channel's copy: stored as an event of its own until 4 December 2026, in {@link NotificationWritten} since. */
    @EventSourcingHandler
    void on(NotificationStored event) {
        caseId = event.caseId();
        stored.add(new Delivery(event.triggeringEventId(), event.channel()));
        held.remove(event.triggeringEventId());
        if (!contactKnown && event.channel() == Channel.PORTAL_INBOX) {
            writtenBeforeContact.put(event.triggeringEventId(), event);
        }
        if (event.kind() == NotificationKind.RECEIPT) {
            registrationKnown = true; // the receipt answers the registration (cases from before RegistrationNoted)
        }
        if (!event.channel().deliveredByStoring()) {
            outbound.put(
                    event.notificationId().value(), new Sent(event.triggeringEventId(), event.kind(), event.channel()));
        }
    }

    @EventSourcingHandler
    void on(NotificationDataErased event) {
        caseId = event.caseId();
        erased = true;
        held.clear();
        writtenBeforeContact.clear();
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
