package pt.aima.notification.casenotifications;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.CaseNotifications.Delivery;
import pt.aima.notification.casenotifications.MessageTemplate.CodeList;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;

class CaseNotificationsTest {

    private static final CaseId CASE = CaseId.of("6f1c1e5e-2b7a-4d3c-9a55-0c1d2e3f4a5b");
    private static final LocalDate SUBMITTED = LocalDate.of(2026, 11, 23);
    private static final LocalDateTime SLOT = LocalDateTime.of(2026, 12, 3, 10, 30);

    /**
     * Writes which template, in which language, with which facts: the words themselves are the bundles' business and
     * have their own test.
     */
    private static final NotificationTexts TEXTS = (template, language) -> new RenderedText(
            template.key() + "/" + language, template.arguments().toString());

    private AggregateTestFixture<CaseNotifications> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseNotifications.class);
        fixture.registerInjectableResource(TEXTS);
    }

    @Test
    void writesTheReceiptToTheApplicantInTheirLanguage() {
        UUID registration = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new NotifyRegistration(CASE, registration, "applicant-1", Language.EN, SUBMITTED))
                .expectEvents(
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        stored(
                                registration,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                List.of(CASE.toString(), SUBMITTED)));
    }

    @Test
    void neverStoresASecondNotificationForTheSameTriggeringEvent() {
        UUID decision = UUID.randomUUID();
        NotifyDecision granted = new NotifyDecision(CASE, decision, Outcome.GRANTED, List.of(), "All conditions met.");
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.PT),
                        stored(
                                decision,
                                NotificationKind.DECISION,
                                "applicant-1",
                                Language.PT,
                                "decision.granted",
                                List.of(CASE.toString(), "All conditions met.")))
                .when(granted)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRepeatedRegistrationNeitherChangesTheRecipientNorRepeatsTheReceipt() {
        UUID registration = UUID.randomUUID();
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.PT),
                        stored(
                                registration,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.PT,
                                "receipt",
                                List.of(CASE.toString(), SUBMITTED)))
                .when(new NotifyRegistration(CASE, registration, "applicant-1", Language.PT, SUBMITTED))
                .expectNoEvents();
    }

    @Test
    void remindsTheApplicantOfTheAppointmentWhereAndWhen() {
        UUID slot = UUID.randomUUID();
        fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.EN))
                .when(new NotifyBiometricAppointment(CASE, slot, "LISBOA-1", SLOT, 30))
                .expectEvents(stored(
                        slot,
                        NotificationKind.APPOINTMENT,
                        "applicant-1",
                        Language.EN,
                        "appointment",
                        List.of(CASE.toString(), "LISBOA-1", SLOT.toLocalDate(), LocalTime.of(10, 30), 30)));
    }

    @Test
    void notifiesEveryNewAppointment() {
        UUID first = UUID.randomUUID();
        UUID rescheduled = UUID.randomUUID();
        LocalDateTime later = SLOT.plusDays(7);
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", Language.PT),
                        stored(
                                first,
                                NotificationKind.APPOINTMENT,
                                "applicant-1",
                                Language.PT,
                                "appointment",
                                List.of(CASE.toString(), "LISBOA-1", SLOT.toLocalDate(), LocalTime.of(10, 30), 30)))
                .when(new NotifyBiometricAppointment(CASE, rescheduled, "LISBOA-1", later, 30))
                .expectEvents(stored(
                        rescheduled,
                        NotificationKind.APPOINTMENT,
                        "applicant-1",
                        Language.PT,
                        "appointment",
                        List.of(CASE.toString(), "LISBOA-1", later.toLocalDate(), LocalTime.of(10, 30), 30)));
    }

    @Test
    void addressesAnAppointmentThatArrivesBeforeTheRegistrationToTheCaseInPortuguese() {
        UUID slot = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new NotifyBiometricAppointment(CASE, slot, "PORTO-2", SLOT, 15))
                .expectEvents(stored(
                        slot,
                        NotificationKind.APPOINTMENT,
                        null,
                        Language.PT,
                        "appointment",
                        List.of(CASE.toString(), "PORTO-2", SLOT.toLocalDate(), LocalTime.of(10, 30), 15)));
    }

    @Test
    void writesToTheApplicantOnceTheLateRegistrationArrives() {
        UUID slot = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        UUID decision = UUID.randomUUID();
        fixture.given(
                        stored(slot, NotificationKind.APPOINTMENT, null, Language.PT, "appointment", List.of()),
                        new RecipientIdentified(CASE, "applicant-1", Language.EN),
                        stored(
                                registration,
                                NotificationKind.RECEIPT,
                                "applicant-1",
                                Language.EN,
                                "receipt",
                                List.of(CASE.toString(), SUBMITTED)))
                .when(new NotifyDecision(CASE, decision, Outcome.GRANTED, List.of(), "ok"))
                .expectEvents(stored(
                        decision,
                        NotificationKind.DECISION,
                        "applicant-1",
                        Language.EN,
                        "decision.granted",
                        List.of(CASE.toString(), "ok")));
    }

    @Test
    void tellsARefusalItsGroundsAndReasons() {
        UUID decision = UUID.randomUUID();
        List<String> grounds = List.of("ENTRY_BAN", "PUBLIC_ORDER");
        fixture.given(new RecipientIdentified(CASE, "applicant-1", Language.PT))
                .when(new NotifyDecision(CASE, decision, Outcome.REFUSED, grounds, "Entry ban in force."))
                .expectEvents(stored(
                        decision,
                        NotificationKind.DECISION,
                        "applicant-1",
                        Language.PT,
                        "decision.refused",
                        List.of(CASE.toString(), new CodeList("ground.", grounds), "Entry ban in force.")));
    }

    private static NotificationStored stored(
            UUID trigger,
            NotificationKind kind,
            String recipient,
            Language language,
            String templateKey,
            List<Object> arguments) {
        return new NotificationStored(
                CASE,
                CaseNotifications.notificationIdOf(CASE, new Delivery(trigger, Channel.PORTAL_INBOX)),
                trigger,
                kind,
                Channel.PORTAL_INBOX,
                recipient,
                language,
                templateKey + "/" + language,
                arguments.toString());
    }
}
