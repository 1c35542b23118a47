package pt.aima.notification.casenotifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void listsNoOriginalsWhileTheChecklistIsNotKnown() {
        fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.EN))
                .when(new NotifyBiometricAppointment(CASE, UUID.randomUUID(), "LISBOA-1", SLOT, 30))
                .expectSuccessfulHandlerExecution();

        assertThat(written).singleElement().isInstanceOfSatisfying(Appointment.class, appointment -> {
            assertThat(appointment.originals()).isEmpty();
            assertThat(appointment.checklistKnown()).isFalse();
        });
    }

    @Test
    void namesEachChecklistDocumentsMemberByRelationshipWithTheReasonsCodeAndFactsNeverItsEnglishWords() {
        MemberId unknown = MemberId.of("2c8b8d0a-55c3-4e2a-9b9c-5d3b8b3d4e5f");
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.PT),
                        new HouseholdNoted(CASE, List.of(new Member(CHILD, "MINOR_CHILD"))))
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
            fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.PT))
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
        fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.PT))
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

    private static Label document(String type) {
        return Label.of("document.", type);
    }
}
