package pt.aima.notification.casenotifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ChecklistNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ContactChannelsIdentified;
import pt.aima.notification.casenotifications.CaseNotificationEvent.HouseholdNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDelivered;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDeliveryFailed;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationHeld;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RegistrationNoted;
import pt.aima.notification.casenotifications.CaseNotifications.Delivery;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDelivered;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDeliveryFailed;
import pt.aima.notification.casenotifications.DeliveryCommand.ReleaseHeldNotifications;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistItem;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistRequirement;
import pt.aima.notification.casenotifications.NotificationCommand.Member;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyChecklist;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyEvidenceRequest;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;
import pt.aima.notification.casenotifications.NotificationCommand.RegisterContact;
import pt.aima.notification.casenotifications.NotificationMessage.Appointment;
import pt.aima.notification.casenotifications.NotificationMessage.Checklist;
import pt.aima.notification.casenotifications.NotificationMessage.DecisionRefused;
import pt.aima.notification.casenotifications.NotificationMessage.EvidenceExpired;
import pt.aima.notification.casenotifications.NotificationMessage.EvidenceReminder;
import pt.aima.notification.casenotifications.NotificationMessage.EvidenceRequested;
import pt.aima.notification.casenotifications.NotificationMessage.MemberDocuments;
import pt.aima.notification.casenotifications.NotificationMessage.MemberOriginals;
import pt.aima.notification.casenotifications.NotificationMessage.Original;
import pt.aima.notification.casenotifications.NotificationMessage.Receipt;
import pt.aima.notification.casenotifications.NotificationMessage.RequiredDocument;

class CaseNotificationsTest {

    private static final CaseId CASE = CaseId.of("6f1c1e5e-2b7a-4d3c-9a55-0c1d2e3f4a5b");
    private static final MemberId CHILD = MemberId.of("0a6f6b8e-33a1-4c0e-9f7a-3b1f6f1b2c3d");
    private static final LocalDate SUBMITTED = LocalDate.of(2026, 11, 23);
    private static final LocalDateTime SLOT = LocalDateTime.of(2026, 12, 3, 10, 30);
    private static final AppealPolicy APPEAL = new AppealPolicy(15, 3);

    /** The messages the case wrote, in order. */
    private final List<NotificationMessage> written = new ArrayList<>();

    /**
     * Writes which template, in which language, with which facts: the words themselves are the templates' business
     * and have their own tests.
     */
    private final NotificationTexts texts = (message, language) -> {
        written.add(message);
        return new RenderedText(message.template() + "/" + language, message.toString());
    };

    private AggregateTestFixture<CaseNotifications> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseNotifications.class);
        fixture.registerInjectableResource(texts);
        fixture.registerInjectableResource(APPEAL);
    }

    @Test
    void writesTheReceiptToTheApplicantInTheirLanguageInTheInboxAndByEmail() {
        UUID registration = UUID.randomUUID();
        List<Member> household = List.of(new Member(CHILD, "MINOR_CHILD"));
        String body = new Receipt(CASE.toString(), SUBMITTED).toString();
        fixture.given(new ContactChannelsIdentified(CASE, true, false))
                .when(new NotifyRegistration(CASE, registration, "applicant-1", Language.EN, SUBMITTED, household))
                .expectEvents(
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        new HouseholdNoted(CASE, household),
                        new RegistrationNoted(CASE),
                        writtenOn(
                                registration,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                body,
                                Channel.PORTAL_INBOX,
                                Channel.EMAIL));
    }

    /**
     * A case whose notifications were stored one event per channel (before {@link NotificationWritten}) goes on from
     * them: a redelivered trigger stores nothing again, and a phone number that arrives later sends the words already
     * written by SMS as well, in one event for that one channel.
     */
    @Test
    void goesOnFromNotificationsStoredOneEventPerChannel() {
        UUID registration = UUID.randomUUID();
        NotifyRegistration registered =
                new NotifyRegistration(CASE, registration, "applicant-1", Language.EN, SUBMITTED, List.of());
        List<Object> history = List.of(
                new RecipientIdentified(CASE, "applicant-1", Language.EN),
                new RegistrationNoted(CASE),
                stored(
                        registration,
                        Channel.PORTAL_INBOX,
                        NotificationKind.RECEIPT,
                        "applicant-1",
                        Language.EN,
                        "receipt",
                        "words"),
                stored(
                        registration,
                        Channel.EMAIL,
                        NotificationKind.RECEIPT,
                        "applicant-1",
                        Language.EN,
                        "receipt",
                        "words"));
        fixture.given(history).when(registered).expectNoEvents();

        fixture.given(history)
                .when(new RegisterContact(CASE, UUID.randomUUID(), "applicant-1", Language.EN, true, true))
                .expectEvents(
                        new ContactChannelsIdentified(CASE, true, true),
                        writtenOn(
                                registration,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                "words",
                                Channel.SMS));
    }

    @Test
    void anErasureIsRecordedOnceAndAfterItNothingIsWrittenHeldOrCaughtUp() {
        UUID registration = UUID.randomUUID();
        List<Member> household = List.of(new Member(CHILD, "MINOR_CHILD"));
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        new RegistrationNoted(CASE),
                        stored(
                                registration,
                                Channel.PORTAL_INBOX,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                "words"))
                .andGivenCommands(new EraseNotificationData(CASE, "applicant-1", "retention ended"))
                .when(new EraseNotificationData(CASE, "applicant-1", "retention ended"))
                .expectNoEvents();

        fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.EN), new RegistrationNoted(CASE))
                .when(new EraseNotificationData(CASE, "applicant-1", "retention ended"))
                .expectEvents(new CaseNotificationEvent.NotificationDataErased(CASE, "applicant-1", "retention ended"));

        fixture.given(new CaseNotificationEvent.NotificationDataErased(CASE, "applicant-1", "retention ended"))
                .andGivenCommands(
                        new NotifyRegistration(CASE, registration, "applicant-1", Language.EN, SUBMITTED, household),
                        new NotifyBiometricAppointment(CASE, UUID.randomUUID(), "FARO-1", SLOT, 20))
                .when(new NotifyDecision(CASE, UUID.randomUUID(), Outcome.GRANTED, List.of(), "All met."))
                .expectNoEvents();
        assertThat(written).isEmpty();

        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        new RegistrationNoted(CASE),
                        stored(
                                registration,
                                Channel.PORTAL_INBOX,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                "words"),
                        new CaseNotificationEvent.NotificationDataErased(CASE, "applicant-1", "retention ended"))
                .when(new RegisterContact(CASE, UUID.randomUUID(), "applicant-1", Language.EN, true, true))
                .expectEvents(new ContactChannelsIdentified(CASE, true, true));
    }

    @Test
    void neverStoresASecondNotificationForTheSameTriggeringEventAndChannel() {
        UUID decision = UUID.randomUUID();
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.PT),
                        stored(
                                decision,
                                Channel.PORTAL_INBOX,
                                NotificationKind.DECISION,
                                "applicant-1",
                                Language.PT,
                                "decision-granted",
                                "x"),
                        stored(
                                decision,
                                Channel.EMAIL,
                                NotificationKind.DECISION,
                                "applicant-1",
                                Language.PT,
                                "decision-granted",
                                "x"))
                .when(new NotifyDecision(CASE, decision, Outcome.GRANTED, List.of(), "All conditions met."))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void writesBySmsOnceTheApplicantGaveAPhoneNumber() {
        UUID decision = UUID.randomUUID();
        fixture.given(registered(Language.PT))
                .andGivenCommands(new RegisterContact(CASE, UUID.randomUUID(), "applicant-1", Language.PT, true, true))
                .when(new NotifyDecision(CASE, decision, Outcome.GRANTED, List.of(), "ok"))
                .expectEventsMatching(channels(Channel.PORTAL_INBOX, Channel.EMAIL, Channel.SMS))
                .expectEventsMatching(oneEventForChannels(3));
    }

    @Test
    void learnsTheContactChannelsOnceAndNeverTheAddress() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact(CASE, UUID.randomUUID(), "applicant-1", Language.EN, true, false))
                .expectEvents(
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        new ContactChannelsIdentified(CASE, true, false));
    }

    @Test
    void listsTheOriginalsToBringFromTheCasesOwnChecklist() {
        UUID slot = UUID.randomUUID();
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        new HouseholdNoted(CASE, List.of(new Member(CHILD, "MINOR_CHILD"))),
                        new RegistrationNoted(CASE),
                        new ContactChannelsIdentified(CASE, true, false),
                        new ChecklistNoted(
                                CASE,
                                List.of(
                                        new ChecklistItem(null, "SPONSOR_RESIDENCE_PERMIT", "sponsor"),
                                        new ChecklistItem(CHILD, "PASSPORT", "identity"),
                                        new ChecklistItem(CHILD, "BIRTH_CERTIFICATE", "family tie"))))
                .when(new NotifyBiometricAppointment(CASE, slot, "LISBOA-1", SLOT, 30))
                .expectSuccessfulHandlerExecution();

        assertThat(written)
                .containsExactly(new Appointment(
                        CASE.toString(),
                        "LISBOA-1",
                        SLOT.toLocalDate(),
                        SLOT.toLocalTime(),
                        30,
                        List.of(
                                new MemberOriginals(null, List.of(new Original(document("SPONSOR_RESIDENCE_PERMIT")))),
                                new MemberOriginals(
                                        Label.of("relationship.", "MINOR_CHILD"),
                                        List.of(
                                                new Original(document("PASSPORT")),
                                                new Original(document("BIRTH_CERTIFICATE"))))),
                        true));
    }

    @Test
    void holdsAnAppointmentUntilTheChecklistIsKnownThenListsItsOriginals() {
        UUID slot = UUID.randomUUID();
        NotifyBiometricAppointment appointment = new NotifyBiometricAppointment(CASE, slot, "LISBOA-1", SLOT, 30);
        fixture.given(registered(Language.EN))
                .when(appointment)
                .expectEvents(new NotificationHeld(CASE, slot, appointment, "CHECKLIST"));
        assertThat(written).isEmpty();

        fixture.given(registered(Language.EN))
                .andGivenCommands(appointment)
                .when(new NotifyChecklist(
                        CASE,
                        UUID.randomUUID(),
                        List.of(new ChecklistRequirement(CHILD, "PASSPORT", "identity", null, null))))
                .expectSuccessfulHandlerExecution();

        assertThat(written)
                .filteredOn(Appointment.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(Appointment.class, written -> {
                    assertThat(written.checklistKnown()).isTrue();
                    assertThat(written.originals())
                            .singleElement()
                            .extracting(MemberOriginals::documents)
                            .isEqualTo(List.of(new Original(document("PASSPORT"))));
                });
    }

    @Test
    void writesWhatItHoldsWithWhatIsKnownOnceTheHoldRunsOut() {
        UUID slot = UUID.randomUUID();
        NotifyBiometricAppointment appointment = new NotifyBiometricAppointment(CASE, slot, "PORTO-2", SLOT, 15);
        fixture.givenNoPriorActivity()
                .andGivenCommands(appointment)
                .when(new ReleaseHeldNotifications(CASE))
                .expectEventsMatching(eventsWhere(events -> events.size() == 2
                        && events.stream()
                                .map(NotificationStored.class::cast)
                                .allMatch(stored -> stored.recipientId() == null
                                        && stored.language() == Language.PT
                                        && stored.triggeringEventId().equals(slot))));

        assertThat(written).singleElement().isInstanceOfSatisfying(Appointment.class, written -> {
            assertThat(written.originals()).isEmpty();
            assertThat(written.checklistKnown()).isFalse();
        });
        fixture.givenNoPriorActivity()
                .andGivenCommands(appointment, new ReleaseHeldNotifications(CASE))
                .when(new ReleaseHeldNotifications(CASE))
                .expectNoEvents();
    }

    @Test
    void namesEachChecklistDocumentsMemberByRelationshipWithTheReasonsCodeAndFactsNeverItsEnglishWords() {
        MemberId unknown = MemberId.of("2c8b8d0a-55c3-4e2a-9b9c-5d3b8b3d4e5f");
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.PT),
                        new HouseholdNoted(CASE, List.of(new Member(CHILD, "MINOR_CHILD"))),
                        new RegistrationNoted(CASE),
                        new ContactChannelsIdentified(CASE, true, false))
                .when(new NotifyChecklist(
                        CASE,
                        UUID.randomUUID(),
                        List.of(
                                new ChecklistRequirement(
                                        CHILD, "PASSPORT", "identity", "VALID_TRAVEL_DOCUMENT", Map.of()),
                                new ChecklistRequirement(
                                        unknown,
                                        "CRIMINAL_RECORD",
                                        "good conduct",
                                        "CRIMINAL_RECORD_ABROAD",
                                        Map.of("fromAge", "16", "foreignStay", "P1Y", "countries", "BRA")),
                                new ChecklistRequirement(CHILD, "BIRTH_CERTIFICATE", "family tie", null, null))))
                .expectSuccessfulHandlerExecution();

        assertThat(written)
                .containsExactly(new Checklist(
                        CASE.toString(),
                        List.of(
                                new MemberDocuments(
                                        Label.of("relationship.", "MINOR_CHILD"),
                                        List.of(
                                                new RequiredDocument(
                                                        document("PASSPORT"),
                                                        Label.orGeneric(
                                                                "required.", "VALID_TRAVEL_DOCUMENT", Map.of())),
                                                new RequiredDocument(
                                                        document("BIRTH_CERTIFICATE"),
                                                        Label.orGeneric("required.", null, Map.of())))),
                                new MemberDocuments(
                                        null,
                                        List.of(new RequiredDocument(
                                                document("CRIMINAL_RECORD"),
                                                Label.orGeneric(
                                                        "required.",
                                                        "CRIMINAL_RECORD_ABROAD",
                                                        Map.of(
                                                                "fromAge",
                                                                "16",
                                                                "foreignStay",
                                                                Period.ofYears(1),
                                                                "countries",
                                                                "BRA"))))))));
    }

    @Test
    void writesEachEvidenceNotificationFromItsOwnTemplate() {
        for (NotificationKind kind : List.of(
                NotificationKind.EVIDENCE_REQUESTED,
                NotificationKind.EVIDENCE_REMINDER,
                NotificationKind.EVIDENCE_EXPIRED)) {
            fixture.given(registered(Language.PT))
                    .when(new NotifyEvidenceRequest(
                            CASE,
                            UUID.randomUUID(),
                            kind,
                            CHILD,
                            List.of("PASSPORT"),
                            "unreadable",
                            SUBMITTED.plusDays(30)))
                    .expectSuccessfulHandlerExecution();
        }
        List<Label> passport = List.of(document("PASSPORT"));
        LocalDate respondBy = SUBMITTED.plusDays(30);

        assertThat(written)
                .containsExactly(
                        new EvidenceRequested(CASE.toString(), passport, null, "unreadable", respondBy),
                        new EvidenceReminder(CASE.toString(), passport, null, respondBy),
                        new EvidenceExpired(CASE.toString(), passport, null, respondBy));
        assertThat(written)
                .extracting(NotificationMessage::kind)
                .containsExactly(
                        NotificationKind.EVIDENCE_REQUESTED,
                        NotificationKind.EVIDENCE_REMINDER,
                        NotificationKind.EVIDENCE_EXPIRED);
    }

    @Test
    void tellsARefusalItsGroundsAndTheConfiguredAppealTimeLimits() {
        UUID decision = UUID.randomUUID();
        fixture.given(registered(Language.PT))
                .when(new NotifyDecision(CASE, decision, Outcome.REFUSED, List.of("ENTRY_BAN"), "Entry ban."))
                .expectEventsMatching(eventsWhere(
                        events -> ((NotificationStored) events.get(0)).subject().equals("decision-refused/PT")));

        assertThat(written)
                .containsExactly(new DecisionRefused(
                        CASE.toString(),
                        List.of(Label.orGeneric("ground.", "ENTRY_BAN", Map.of())),
                        "Entry ban.",
                        15,
                        3));
    }

    @Test
    void holdsANotificationThatArrivesBeforeTheRegistrationAndWritesItToTheApplicantInTheirLanguage() {
        UUID decision = UUID.randomUUID();
        NotifyDecision decided = new NotifyDecision(CASE, decision, Outcome.GRANTED, List.of(), "ok");
        fixture.givenNoPriorActivity()
                .when(decided)
                .expectEvents(new NotificationHeld(CASE, decision, decided, "REGISTRATION"));

        fixture.givenNoPriorActivity()
                .andGivenCommands(
                        decided,
                        new NotifyRegistration(
                                CASE, UUID.randomUUID(), "applicant-1", Language.EN, SUBMITTED, List.of()))
                .when(new RegisterContact(CASE, UUID.randomUUID(), "applicant-1", Language.EN, true, false))
                .expectEventsMatching(eventsWhere(events -> events.stream()
                        .filter(NotificationStored.class::isInstance)
                        .map(NotificationStored.class::cast)
                        .filter(stored -> stored.triggeringEventId().equals(decision))
                        .allMatch(stored ->
                                "applicant-1".equals(stored.recipientId()) && stored.language() == Language.EN)));
    }

    /**
     * The same case history, delivered in every order the topics could deliver it (registration, contact, checklist,
     * appointment, decision: 120 orders), gives the same notifications, word for word: the recovery operation can be
     * replayed and compared.
     */
    @Test
    void writesTheSameNotificationsWhateverOrderTheTriggersArriveIn() {
        List<Object> history = List.of(
                new NotifyRegistration(
                        CASE,
                        UUID.randomUUID(),
                        "applicant-1",
                        Language.EN,
                        SUBMITTED,
                        List.of(new Member(CHILD, "MINOR_CHILD"))),
                new RegisterContact(CASE, UUID.randomUUID(), "applicant-1", Language.EN, true, true),
                new NotifyChecklist(
                        CASE,
                        UUID.randomUUID(),
                        List.of(new ChecklistRequirement(CHILD, "PASSPORT", "identity", null, null))),
                new NotifyBiometricAppointment(CASE, UUID.randomUUID(), "LISBOA-1", SLOT, 30),
                new NotifyDecision(CASE, UUID.randomUUID(), Outcome.GRANTED, List.of(), "ok"));
        Set<List<String>> outcomes = new HashSet<>();
        for (List<Object> order : permutations(history)) {
            AggregateTestFixture<CaseNotifications> replay = new AggregateTestFixture<>(CaseNotifications.class);
            replay.registerInjectableResource(texts);
            replay.registerInjectableResource(APPEAL);
            List<String> notifications = new ArrayList<>();
            replay.givenNoPriorActivity()
                    .andGivenCommands(order.subList(0, order.size() - 1))
                    .when(order.get(order.size() - 1))
                    .expectSuccessfulHandlerExecution();
            payloads(replay.getEventStore()
                            .readEvents(CASE.toString())
                            .asStream()
                            .map(EventMessage::getPayload))
                    .forEach(event -> {
                        if (event instanceof NotificationStored stored) {
                            notifications.add(stored.notificationId() + " " + stored.kind() + " " + stored.channel()
                                    + " "
                                    + stored.recipientId() + " " + stored.language() + " " + stored.subject() + " "
                                    + stored.body());
                        }
                    });
            notifications.sort(null);
            outcomes.add(notifications);
        }
        assertThat(outcomes).singleElement().satisfies(notifications -> assertThat(notifications)
                .hasSize(12) // 4 notifications (receipt, checklist, appointment, decision) x inbox, e-mail, SMS
                .allMatch(notification -> notification.contains(" applicant-1 EN ")));
    }

    private static List<List<Object>> permutations(List<Object> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Object>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Object> rest = new ArrayList<>(items);
            Object first = rest.remove(i);
            for (List<Object> tail : permutations(rest)) {
                List<Object> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    /** A case whose registration and contact (e-mail, no phone) are known: notifications are written at once. */
    private static List<Object> registered(Language language) {
        return List.of(
                new RecipientIdentified(CASE, "applicant-1", language),
                new RegistrationNoted(CASE),
                new ContactChannelsIdentified(CASE, true, false));
    }

    @Test
    void recordsADeliveryOnceAndAFailureOnlyBeforeIt() {
        UUID decision = UUID.randomUUID();
        NotificationStored email =
                stored(decision, Channel.EMAIL, NotificationKind.DECISION, "applicant-1", Language.PT, "decision", "x");
        fixture.given(email)
                .when(new RecordDeliveryFailed(CASE, email.notificationId(), "NO_CONTACT_DATA", "no contact"))
                .expectEvents(new NotificationDeliveryFailed(
                        CASE,
                        email.notificationId(),
                        decision,
                        NotificationKind.DECISION,
                        Channel.EMAIL,
                        "NO_CONTACT_DATA",
                        "no contact"));
        fixture.given(email)
                .when(new RecordDelivered(CASE, email.notificationId()))
                .expectEvents(new NotificationDelivered(
                        CASE, email.notificationId(), decision, NotificationKind.DECISION, Channel.EMAIL));
        fixture.given(
                        email,
                        new NotificationDelivered(
                                CASE, email.notificationId(), decision, NotificationKind.DECISION, Channel.EMAIL))
                .when(new RecordDelivered(CASE, email.notificationId()))
                .expectNoEvents();
    }

    private static Matcher<List<EventMessage<?>>> channels(Channel... expected) {
        return eventsWhere(events -> events.stream()
                .map(event -> ((NotificationStored) event).channel())
                .toList()
                .equals(List.of(expected)));
    }

    /** One event: a notification written once for {@code count} channels. */
    private static Matcher<List<EventMessage<?>>> oneEventForChannels(int count) {
        return new CustomTypeSafeMatcher<>("one NotificationWritten for " + count + " channels") {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.size() == 1
                        && events.get(0).getPayload() instanceof NotificationWritten written
                        && written.copies().size() == count;
            }
        };
    }

    /**
     * The payloads, each {@link NotificationWritten} as its copies per channel ({@link NotificationWritten#perChannel}),
     * so a check reads the notifications stored on each channel whichever of the two shapes stored them.
     */
    private static List<Object> payloads(Stream<?> events) {
        return events.flatMap(payload -> payload instanceof NotificationWritten written
                        ? written.perChannel().stream()
                        : Stream.of(payload))
                .map(Object.class::cast)
                .toList();
    }

    private static Matcher<List<EventMessage<?>>> eventsWhere(Predicate<List<Object>> check) {
        return new CustomTypeSafeMatcher<>("events matching the check") {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return check.test(payloads(events.stream().map(EventMessage::getPayload)));
            }
        };
    }

    private static NotificationStored stored(
            UUID trigger,
            Channel channel,
            NotificationKind kind,
            String recipient,
            Language language,
            String templateKey,
            String body) {
        return new NotificationStored(
                CASE,
                CaseNotifications.notificationIdOf(CASE, new Delivery(trigger, channel)),
                trigger,
                kind,
                channel,
                recipient,
                language,
                templateKey + "/" + language,
                body);
    }

    /** One notification written for {@code channels}, as the case stores it today. */
    private static NotificationWritten writtenOn(
            UUID trigger,
            NotificationKind kind,
            String recipient,
            Language language,
            String templateKey,
            String body,
            Channel... channels) {
        return new NotificationWritten(
                CASE,
                trigger,
                kind,
                Stream.of(channels)
                        .map(channel -> new NotificationWritten.Copy(
                                channel, CaseNotifications.notificationIdOf(CASE, new Delivery(trigger, channel))))
                        .toList(),
                recipient,
                language,
                templateKey + "/" + language,
                body);
    }

    private static Label document(String type) {
        return Label.of("document.", type);
    }
}
