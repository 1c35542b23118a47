package pt.aima.notification.casenotifications;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
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
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.CaseNotifications.Delivery;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDelivered;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDeliveryFailed;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistItem;
import pt.aima.notification.casenotifications.NotificationCommand.Member;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;
import pt.aima.notification.casenotifications.NotificationCommand.RegisterContact;

class CaseNotificationsTest {

    private static final CaseId CASE = CaseId.of("6f1c1e5e-2b7a-4d3c-9a55-0c1d2e3f4a5b");
    private static final MemberId CHILD = MemberId.of("0a6f6b8e-33a1-4c0e-9f7a-3b1f6f1b2c3d");
    private static final LocalDate SUBMITTED = LocalDate.of(2026, 11, 23);
    private static final LocalDateTime SLOT = LocalDateTime.of(2026, 12, 3, 10, 30);
    private static final AppealPolicy APPEAL = new AppealPolicy(15, 3);

    /**
     * Writes which template, in which language, with which facts: the words themselves are the templates' business
     * and have their own test.
     */
    private static final NotificationTexts TEXTS = (template, language) ->
            new RenderedText(template.key() + "/" + language, template.model().toString());

    private AggregateTestFixture<CaseNotifications> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseNotifications.class);
        fixture.registerInjectableResource(TEXTS);
        fixture.registerInjectableResource(APPEAL);
    }

    @Test
    void writesTheReceiptToTheApplicantInTheirLanguageInTheInboxAndByEmail() {
        UUID registration = UUID.randomUUID();
        List<Member> household = List.of(new Member(CHILD, "MINOR_CHILD"));
        String body = "{caseNumber=" + CASE + ", submittedOn=" + SUBMITTED + "}";
        fixture.givenNoPriorActivity()
                .when(new NotifyRegistration(CASE, registration, "applicant-1", Language.EN, SUBMITTED, household))
                .expectEvents(
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        new HouseholdNoted(CASE, household),
                        stored(
                                registration,
                                Channel.PORTAL_INBOX,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                body),
                        stored(
                                registration,
                                Channel.EMAIL,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                body));
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
        fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.PT))
                .andGivenCommands(new RegisterContact(CASE, UUID.randomUUID(), "applicant-1", Language.PT, true, true))
                .when(new NotifyDecision(CASE, decision, Outcome.GRANTED, List.of(), "ok"))
                .expectEventsMatching(channels(Channel.PORTAL_INBOX, Channel.EMAIL, Channel.SMS));
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
                        new ChecklistNoted(
                                CASE,
                                List.of(
                                        new ChecklistItem(CHILD, "PASSPORT", "identity"),
                                        new ChecklistItem(CHILD, "BIRTH_CERTIFICATE", "family tie"))))
                .when(new NotifyBiometricAppointment(CASE, slot, "LISBOA-1", SLOT, 30))
                .expectEventsMatching(eventsWhere(events -> {
                    String body = ((NotificationStored) events.get(0)).body();
                    return body.contains("desk=LISBOA-1")
                            && body.contains("checklistKnown=true")
                            && body.contains("Label[prefix=relationship., code=MINOR_CHILD")
                            && body.contains("Label[prefix=document., code=PASSPORT")
                            && body.contains("Label[prefix=document., code=BIRTH_CERTIFICATE")
                            && !body.contains("identity");
                }));
    }

    @Test
    void tellsARefusalItsGroundsAndTheConfiguredAppealTimeLimits() {
        UUID decision = UUID.randomUUID();
        fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.PT))
                .when(new NotifyDecision(CASE, decision, Outcome.REFUSED, List.of("ENTRY_BAN"), "Entry ban."))
                .expectEventsMatching(eventsWhere(events -> {
                    NotificationStored stored = (NotificationStored) events.get(0);
                    return stored.subject().equals("decision-refused/PT")
                            && stored.body().contains("code=ENTRY_BAN")
                            && stored.body().contains("appealDays=15")
                            && stored.body().contains("courtMonths=3");
                }));
    }

    @Test
    void addressesANotificationThatArrivesBeforeTheRegistrationToTheCaseInPortuguese() {
        UUID slot = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new NotifyBiometricAppointment(CASE, slot, "PORTO-2", SLOT, 15))
                .expectEventsMatching(eventsWhere(events -> events.stream()
                        .map(NotificationStored.class::cast)
                        .allMatch(stored -> stored.recipientId() == null && stored.language() == Language.PT)));
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

    private static Matcher<List<EventMessage<?>>> eventsWhere(Predicate<List<Object>> check) {
        return new CustomTypeSafeMatcher<>("events matching the check") {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                List<Object> payloads = new ArrayList<>();
                events.forEach(event -> payloads.add(event.getPayload()));
                return check.test(payloads);
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
}
