package pt.aima.notification.casenotifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ChecklistNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.HouseholdNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RegistrationNoted;
import pt.aima.notification.casenotifications.DeliveryCommand.ReleaseHeldNotifications;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistItem;
import pt.aima.notification.casenotifications.NotificationCommand.ChecklistRequirement;
import pt.aima.notification.casenotifications.NotificationCommand.Member;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentMissed;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyAppointmentRescheduled;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyChecklist;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDeadlineExtended;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDocumentRejected;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyEvidenceRequest;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;
import pt.aima.notification.texts.MustacheNotificationTexts;

/**
 * Every kind of notification, in both languages, written by the case with the real templates, word for word as
 * recorded in {@code src/test/resources/golden-texts/}: a change to how the case builds a message's facts, or to
 * how they are worded, cannot change what an applicant reads without this test saying so. After an intended change of
 * wording, rewrite the files with {@code -Daima.golden.write=true} and review their diff.
 */
class NotificationTextsGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden-texts");

    private static final CaseId CASE = CaseId.of("6f1c1e5e-2b7a-4d3c-9a55-0c1d2e3f4a5b");
    private static final MemberId CHILD = MemberId.of("0a6f6b8e-33a1-4c0e-9f7a-3b1f6f1b2c3d");
    private static final MemberId SPOUSE = MemberId.of("1b7a7c9f-44b2-4d1f-8a8b-4c2a7a2c3d4e");
    private static final MemberId STRANGER = MemberId.of("2c8b8d0a-55c3-4e2a-9b9c-5d3b8b3d4e5f");
    private static final LocalDateTime SLOT = LocalDateTime.of(2026, 12, 3, 9, 30);
    private static final LocalDateTime NEW_SLOT = LocalDateTime.of(2026, 12, 10, 11, 0);
    private static final LocalDate RESPOND_BY = LocalDate.of(2027, 1, 15);

    private static final List<Member> HOUSEHOLD =
            List.of(new Member(CHILD, "MINOR_CHILD"), new Member(SPOUSE, "SPOUSE"));
    private static final List<ChecklistItem> CHECKLIST = List.of(
            new ChecklistItem(null, "SPONSOR_RESIDENCE_PERMIT", "the sponsor's legal residence"),
            new ChecklistItem(CHILD, "PASSPORT", "identity of the child"),
            new ChecklistItem(CHILD, "BIRTH_CERTIFICATE", "the family tie"),
            new ChecklistItem(SPOUSE, "MARRIAGE_CERTIFICATE", null),
            new ChecklistItem(STRANGER, "SOMETHING_NEW", "a document without a label"));

    /**
     * The checklist as published: reasons with their codes and facts; one without a code (published before codes
     * existed) and one with a code newer than the texts, both worded generically.
     */
    private static final List<ChecklistRequirement> PUBLISHED_CHECKLIST = List.of(
            new ChecklistRequirement(
                    null,
                    "SPONSOR_RESIDENCE_PERMIT",
                    "The sponsor's residence permit: the sponsor must reside legally in Portugal",
                    "SPONSOR_RESIDES_LEGALLY",
                    Map.of()),
            new ChecklistRequirement(
                    CHILD,
                    "PASSPORT",
                    "A valid passport or travel document of the member",
                    "VALID_TRAVEL_DOCUMENT",
                    Map.of()),
            new ChecklistRequirement(
                    CHILD,
                    "PROOF_OF_LEGAL_ENTRY",
                    "Proof of legal entry into Portugal: the member is in Portugal",
                    "MEMBER_IN_PORTUGAL",
                    Map.of()),
            new ChecklistRequirement(
                    CHILD,
                    "BIRTH_CERTIFICATE",
                    "Proof of the family tie for a minor child: authenticated birth certificate",
                    null,
                    null),
            new ChecklistRequirement(
                    SPOUSE,
                    "CRIMINAL_RECORD",
                    "Criminal record: required from age 16, from the country of nationality and any country lived in"
                            + " for more than one year before coming to Portugal (BRA, IND)",
                    "CRIMINAL_RECORD_ABROAD",
                    Map.of("fromAge", "16", "foreignStay", "P1Y", "countries", "BRA, IND")),
            new ChecklistRequirement(
                    SPOUSE,
                    "TERM_OF_RESPONSIBILITY",
                    "Term of Responsibility (Model 4, version 2024; an older version is rejected)",
                    "MODEL_4_IN_FORCE",
                    Map.of("model4Version", "2024")),
            new ChecklistRequirement(
                    STRANGER, "SOMETHING_NEW", "a document without a label", "A_REASON_NEWER_THAN_THE_TEXTS", null));

    private static final UUID TRIGGER = UUID.fromString("9e8d7c6b-5a49-4838-a726-150f0e0d0c0b");

    record Scenario(String name, boolean checklistKnown, NotificationCommand command) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario(
                        "receipt",
                        false,
                        new NotifyRegistration(
                                CASE, TRIGGER, "applicant-1", Language.PT, LocalDate.of(2026, 11, 20), HOUSEHOLD)),
                new Scenario("checklist", false, new NotifyChecklist(CASE, TRIGGER, PUBLISHED_CHECKLIST)),
                new Scenario(
                        "document-rejected",
                        false,
                        new NotifyDocumentRejected(
                                CASE, TRIGGER, CHILD, "PASSPORT", "ILLEGIBLE", "The photo page is blurred.")),
                new Scenario(
                        "document-rejected-unknown-member-and-codes",
                        false,
                        new NotifyDocumentRejected(CASE, TRIGGER, STRANGER, "SOMETHING_NEW", "NO_SUCH_FIX", null)),
                new Scenario(
                        "document-rejected-case-wide-without-code",
                        false,
                        new NotifyDocumentRejected(CASE, TRIGGER, null, "SPONSOR_RESIDENCE_PERMIT", null, "Expired.")),
                new Scenario(
                        "evidence-requested",
                        false,
                        new NotifyEvidenceRequest(
                                CASE,
                                TRIGGER,
                                NotificationKind.EVIDENCE_REQUESTED,
                                SPOUSE,
                                List.of("TERM_OF_RESPONSIBILITY", "SOMETHING_NEW"),
                                "The signature is missing.",
                                RESPOND_BY)),
                new Scenario(
                        "evidence-requested-case-wide-without-reason",
                        false,
                        new NotifyEvidenceRequest(
                                CASE,
                                TRIGGER,
                                NotificationKind.EVIDENCE_REQUESTED,
                                null,
                                List.of("MEANS_OF_SUBSISTENCE"),
                                null,
                                RESPOND_BY)),
                new Scenario(
                        "evidence-reminder",
                        false,
                        new NotifyEvidenceRequest(
                                CASE,
                                TRIGGER,
                                NotificationKind.EVIDENCE_REMINDER,
                                CHILD,
                                List.of("BIRTH_CERTIFICATE"),
                                null,
                                RESPOND_BY)),
                new Scenario(
                        "evidence-expired",
                        false,
                        new NotifyEvidenceRequest(
                                CASE,
                                TRIGGER,
                                NotificationKind.EVIDENCE_EXPIRED,
                                null,
                                List.of("BIRTH_CERTIFICATE", "PASSPORT"),
                                null,
                                RESPOND_BY)),
                new Scenario("appointment", true, new NotifyBiometricAppointment(CASE, TRIGGER, "LISBOA-1", SLOT, 30)),
                new Scenario(
                        "appointment-before-the-checklist",
                        false,
                        new NotifyBiometricAppointment(CASE, TRIGGER, "LISBOA-1", SLOT, 30)),
                new Scenario(
                        "appointment-rescheduled",
                        true,
                        new NotifyAppointmentRescheduled(
                                CASE, TRIGGER, "PORTO-2", NEW_SLOT, 45, "LISBOA-1", SLOT, "DESK_CLOSED", "Strike.")),
                new Scenario(
                        "appointment-rescheduled-after-a-missed-appointment",
                        false,
                        new NotifyAppointmentRescheduled(
                                CASE,
                                TRIGGER,
                                "LISBOA-1",
                                NEW_SLOT,
                                45,
                                "LISBOA-1",
                                SLOT,
                                "MISSED_APPOINTMENT",
                                "Nobody came to the appointment; a new one was booked.")),
                new Scenario(
                        "appointment-rescheduled-without-previous-or-code",
                        false,
                        new NotifyAppointmentRescheduled(
                                CASE, TRIGGER, "PORTO-2", NEW_SLOT, 45, null, null, null, null)),
                new Scenario(
                        "appointment-missed-rescheduled",
                        false,
                        new NotifyAppointmentMissed(CASE, TRIGGER, "LISBOA-1", SLOT, true)),
                new Scenario(
                        "appointment-missed-for-a-caseworker",
                        false,
                        new NotifyAppointmentMissed(CASE, TRIGGER, "LISBOA-1", SLOT, false)),
                new Scenario(
                        "decision-granted",
                        false,
                        new NotifyDecision(CASE, TRIGGER, Outcome.GRANTED, List.of(), "All conditions met.")),
                new Scenario(
                        "decision-refused",
                        false,
                        new NotifyDecision(
                                CASE,
                                TRIGGER,
                                Outcome.REFUSED,
                                List.of("ENTRY_BAN", "SOMETHING_NEW"),
                                "Entry ban in force.")),
                new Scenario(
                        "decision-refused-without-reasoning",
                        false,
                        new NotifyDecision(CASE, TRIGGER, Outcome.REFUSED, List.of(), null)),
                new Scenario(
                        "deadline-extended",
                        false,
                        new NotifyDeadlineExtended(
                                CASE,
                                TRIGGER,
                                "The marriage was celebrated abroad and must be confirmed by the consulate.",
                                LocalDate.of(2028, 5, 23))));
    }

    static Stream<Arguments> everyScenarioInBothLanguages() {
        return scenarios()
                .flatMap(scenario -> Stream.of(Language.values()).map(language -> Arguments.of(scenario, language)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyScenarioInBothLanguages")
    void writesExactlyTheRecordedText(Scenario scenario, Language language) throws IOException {
        String written = write(scenario, language);
        Path golden = GOLDEN.resolve(scenario.name() + "." + language.name().toLowerCase(Locale.ROOT) + ".txt");
        if (Boolean.getBoolean("aima.golden.write")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, written, StandardCharsets.UTF_8);
        }
        assertThat(golden).exists();
        assertThat(written).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static String write(Scenario scenario, Language language) {
        AggregateTestFixture<CaseNotifications> fixture = new AggregateTestFixture<>(CaseNotifications.class);
        fixture.registerInjectableResource(MustacheNotificationTexts.fromClasspath());
        fixture.registerInjectableResource(new AppealPolicy(15, 3));
        List<Object> given = new ArrayList<>();
        given.add(new RecipientIdentified(CASE, "applicant-1", language));
        given.add(new HouseholdNoted(CASE, HOUSEHOLD));
        given.add(new RegistrationNoted(CASE));
        if (scenario.checklistKnown()) {
            given.add(new ChecklistNoted(CASE, CHECKLIST));
        }
        // An appointment waits for the checklist; without one it is written only when its hold runs out.
        boolean held = !scenario.checklistKnown()
                && (scenario.command() instanceof NotifyBiometricAppointment
                        || scenario.command() instanceof NotifyAppointmentRescheduled);
        List<NotificationStored> stored = new ArrayList<>();
        (held
                        ? fixture.given(given)
                                .andGivenCommands(scenario.command())
                                .when(new ReleaseHeldNotifications(CASE))
                        : fixture.given(given).when(scenario.command()))
                .expectEventsMatching(new CustomTypeSafeMatcher<List<EventMessage<?>>>("notifications") {
                    @Override
                    protected boolean matchesSafely(List<EventMessage<?>> events) {
                        events.stream()
                                .map(EventMessage::getPayload)
                                .filter(NotificationWritten.class::isInstance)
                                .flatMap(written -> ((NotificationWritten) written).perChannel().stream())
                                .forEach(stored::add);
                        return true;
                    }
                });
        assertThat(stored).isNotEmpty();
        assertThat(stored).allSatisfy(notification -> {
            assertThat(notification.language()).isEqualTo(language);
            assertThat(notification.subject()).isEqualTo(stored.getFirst().subject());
            assertThat(notification.body()).isEqualTo(stored.getFirst().body());
        });
        return stored.getFirst().subject() + "\n\n" + stored.getFirst().body();
    }
}
