package pt.aima.notification.casenotifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.notification.casenotifications.CaseNotificationEvent.ChecklistNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.HouseholdNoted;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RegistrationNoted;
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
 * Portuguese is Portuguese: every kind of message, with every code the texts know (every reason why a document is
 * required, every rejection and rescheduling reason, every legal ground, every document type, relationship and address
 * title), a missing code and a code newer than the texts, written by the case in Portuguese, holds no sentence of the
 * English catalogue (no English label, no English template sentence) and none of the English words other services send
 * beside their codes. What a person typed is not translated, so the notes here are Portuguese.
 */
class PortugueseTextsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");

    private static final CaseId CASE = CaseId.of("6f1c1e5e-2b7a-4d3c-9a55-0c1d2e3f4a5b");
    private static final LocalDateTime SLOT = LocalDateTime.of(2026, 12, 3, 9, 30);
    private static final LocalDateTime NEW_SLOT = LocalDateTime.of(2026, 12, 10, 11, 0);
    private static final LocalDate RESPOND_BY = LocalDate.of(2027, 1, 15);
    private static final String NOTE = "Falta a página 2 do documento.";

    /** The facts a reason may name, as document-service publishes them. */
    private static final Map<String, String> FACTS = Map.of(
            "fromAge", "16",
            "foreignStay", "P1Y",
            "countries", "BRA, IND",
            "portugueseStay", "P1Y6M",
            "lookback", "P5Y",
            "model4Version", "2024");

    /** The English words scheduling-service sends beside its codes (its own, not the applicant's). */
    private static final Map<String, String> SCHEDULER_WORDS = Map.of(
            "CAPACITY_REDUCED", "The service desk takes fewer appointments that day.",
            "APPLICANT_REQUEST", "You asked for another date.",
            "MISSED_APPOINTMENT", "Nobody came to the appointment; a new one was booked.",
            "COURT_ORDER", "A court ordered an earlier appointment.");

    /** The English words document-service sends beside its codes. */
    private static final String DOCUMENT_SERVICE_WORDS = "Required because of the rules";

    private static Properties en;
    private static Properties pt;
    private static Set<String> englishCatalogue;
    private static List<NotificationStored> portuguese;

    @BeforeAll
    static void readTheCatalogues() throws IOException, URISyntaxException {
        en = labels("en");
        pt = labels("pt");
        englishCatalogue = new TreeSet<>();
        for (String key : en.stringPropertyNames()) {
            if (!key.startsWith("format.")) {
                englishCatalogue.addAll(sentences(en.getProperty(key)));
            }
        }
        Path templates = Path.of(PortugueseTextsTest.class
                        .getResource("/notifications/en/receipt.mustache")
                        .toURI())
                .getParent();
        try (Stream<Path> files = Files.list(templates)) {
            for (Path template :
                    files.filter(file -> file.toString().endsWith(".mustache")).toList()) {
                englishCatalogue.addAll(sentences(Files.readString(template, StandardCharsets.UTF_8)));
            }
        }
        portuguese = writeEverything(Language.PT);
    }

    @Test
    void bothLanguagesHaveTheSameLabels() {
        assertThat(pt.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
    }

    @Test
    void noPortugueseMessageHoldsAnyEnglishTextWhateverTheCodes() {
        List<NotificationStored> written = portuguese;

        assertThat(written).extracting(NotificationStored::kind).containsAll(EnumSet.allOf(NotificationKind.class));
        List<String> english = new ArrayList<>();
        for (NotificationStored notification : written) {
            String text = notification.subject() + "\n" + notification.body();
            englishCatalogue.stream()
                    .filter(text::contains)
                    .forEach(sentence -> english.add(notification.kind() + ": \"" + sentence + "\""));
            Stream.concat(SCHEDULER_WORDS.values().stream(), Stream.of(DOCUMENT_SERVICE_WORDS))
                    .filter(text::contains)
                    .forEach(words -> english.add(notification.kind() + ": \"" + words + "\""));
        }
        assertThat(english).as("English text in Portuguese messages").isEmpty();
    }

    @Test
    void everyReasonCodeIsWordedByItsOwnPortugueseLabel() {
        String everything = portuguese.stream()
                .map(notification -> notification.subject() + "\n" + notification.body())
                .reduce("", String::concat);

        for (String key : pt.stringPropertyNames()) {
            String words = pt.getProperty(key);
            if (key.startsWith("format.") || key.startsWith("duration.")) {
                continue;
            }
            for (String sentence : sentences(words)) {
                assertThat(everything).as(key).contains(sentence);
            }
        }
    }

    /** The check above can fail: the same messages in English are full of the English catalogue. */
    @Test
    void theEnglishCatalogueIsWhatEnglishMessagesAreWrittenIn() {
        List<NotificationStored> written = writeEverything(Language.EN);

        assertThat(englishCatalogue).hasSizeGreaterThan(100);
        for (NotificationStored notification : written) {
            assertThat(englishCatalogue)
                    .as(notification.kind().name())
                    .anyMatch(sentence -> (notification.subject() + "\n" + notification.body()).contains(sentence));
        }
    }

    /** The literal sentences of a label or template: the text between its placeholders, without list marks. */
    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String line : text.split("\n")) {
            for (String part : PLACEHOLDER.split(line)) {
                String sentence = part.strip().replaceFirst("^- ", "").strip();
                if (sentence.length() >= 4
                        && sentence.chars().filter(Character::isLetter).count() >= 3) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }

    private static List<String> codes(String prefix) {
        return pt.stringPropertyNames().stream()
                .filter(key -> key.startsWith(prefix))
                .map(key -> key.substring(prefix.length()))
                .filter(code -> !code.equals(Label.GENERIC))
                .sorted()
                .toList();
    }

    private static List<NotificationStored> writeEverything(Language language) {
        List<Member> household = new ArrayList<>();
        for (String relationship : codes("relationship.")) {
            household.add(new Member(MemberId.newId(), relationship));
        }
        MemberId someone = household.getFirst().memberId();
        List<String> documents = codes("document.");
        List<ChecklistRequirement> checklist = new ArrayList<>();
        for (Member member : household) {
            for (String document : documents) {
                checklist.add(
                        new ChecklistRequirement(member.memberId(), document, DOCUMENT_SERVICE_WORDS, null, null));
            }
        }
        for (String code : codes("required.")) {
            if (code.startsWith("HOME_") || code.equals("ADDRESS_OF_RESIDENCE")) {
                for (String title : codes("addressTitle.")) {
                    checklist.add(new ChecklistRequirement(
                            someone,
                            "ADDRESS_DECLARATION",
                            DOCUMENT_SERVICE_WORDS,
                            code,
                            Map.of("addressTitle", title)));
                }
            }
            checklist.add(new ChecklistRequirement(someone, "PASSPORT", DOCUMENT_SERVICE_WORDS, code, FACTS));
        }
        checklist.add(
                new ChecklistRequirement(someone, "PASSPORT", DOCUMENT_SERVICE_WORDS, "NEWER_THAN_THE_TEXTS", null));
        checklist.add(new ChecklistRequirement(
                someone,
                "PASSPORT",
                DOCUMENT_SERVICE_WORDS,
                "MODEL_4_IN_FORCE",
                Map.of("model4Version", "2024", "foreignStay", "not a period")));

        List<NotificationCommand> commands = new ArrayList<>();
        commands.add(new NotifyRegistration(
                CASE, UUID.randomUUID(), "applicant-1", language, LocalDate.of(2026, 11, 20), household));
        commands.add(new NotifyChecklist(CASE, UUID.randomUUID(), checklist));
        List<String> rejections = new ArrayList<>(codes("reject."));
        rejections.add(null);
        rejections.add("NEWER_THAN_THE_TEXTS");
        for (String code : rejections) {
            commands.add(new NotifyDocumentRejected(CASE, UUID.randomUUID(), someone, "PASSPORT", code, NOTE));
        }
        for (NotificationKind kind : List.of(
                NotificationKind.EVIDENCE_REQUESTED,
                NotificationKind.EVIDENCE_REMINDER,
                NotificationKind.EVIDENCE_EXPIRED)) {
            commands.add(new NotifyEvidenceRequest(
                    CASE,
                    UUID.randomUUID(),
                    kind,
                    someone,
                    documents,
                    kind == NotificationKind.EVIDENCE_REQUESTED ? NOTE : null,
                    RESPOND_BY));
        }
        commands.add(new NotifyBiometricAppointment(CASE, UUID.randomUUID(), "LISBOA-1", SLOT, 30));
        List<String> moves = new ArrayList<>(codes("reschedule."));
        moves.add(null);
        moves.add("NEWER_THAN_THE_TEXTS");
        for (String code : moves) {
            String words = code == null || code.equals("DESK_CLOSED")
                    ? "Greve dos trabalhadores."
                    : SCHEDULER_WORDS.getOrDefault(code, "The scheduler's words.");
            commands.add(new NotifyAppointmentRescheduled(
                    CASE, UUID.randomUUID(), "PORTO-2", NEW_SLOT, 45, "LISBOA-1", SLOT, code, words));
        }
        commands.add(new NotifyAppointmentMissed(CASE, UUID.randomUUID(), "LISBOA-1", SLOT, true));
        commands.add(new NotifyAppointmentMissed(CASE, UUID.randomUUID(), "LISBOA-1", SLOT, false));
        commands.add(new NotifyDecision(CASE, UUID.randomUUID(), Outcome.GRANTED, List.of(), "Condições cumpridas."));
        List<String> grounds = new ArrayList<>(codes("ground."));
        grounds.add("NEWER_THAN_THE_TEXTS");
        commands.add(new NotifyDecision(CASE, UUID.randomUUID(), Outcome.REFUSED, grounds, "Interdição em vigor."));
        commands.add(new NotifyDeadlineExtended(
                CASE,
                UUID.randomUUID(),
                "O casamento no estrangeiro tem de ser confirmado.",
                LocalDate.of(2028, 5, 23)));

        List<NotificationStored> written = new ArrayList<>();
        List<ChecklistItem> noted =
                checklist.stream().map(ChecklistRequirement::item).toList();
        for (NotificationCommand command : commands) {
            written.addAll(write(language, household, noted, command));
        }
        return written;
    }

    private static List<NotificationStored> write(
            Language language, List<Member> household, List<ChecklistItem> checklist, NotificationCommand command) {
        AggregateTestFixture<CaseNotifications> fixture = new AggregateTestFixture<>(CaseNotifications.class);
        fixture.registerInjectableResource(MustacheNotificationTexts.fromClasspath());
        fixture.registerInjectableResource(new AppealPolicy(15, 3));
        List<NotificationStored> stored = new ArrayList<>();
        fixture.given(
                        new RecipientIdentified(CASE, "applicant-1", language),
                        new HouseholdNoted(CASE, household),
                        new RegistrationNoted(CASE),
                        new ChecklistNoted(CASE, checklist))
                .when(command)
                .expectEventsMatching(new CustomTypeSafeMatcher<List<EventMessage<?>>>("notifications") {
                    @Override
                    protected boolean matchesSafely(List<EventMessage<?>> events) {
                        events.stream()
                                .map(EventMessage::getPayload)
                                .filter(NotificationWritten.class::isInstance)
                                .flatMap(written -> ((NotificationWritten) written).perChannel().stream())
                                .filter(notification -> notification.channel() == Channel.PORTAL_INBOX)
                                .forEach(stored::add);
                        return true;
                    }
                });
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().language()).isEqualTo(language);
        return stored;
    }

    private static Properties labels(String language) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                PortugueseTextsTest.class.getResourceAsStream("/notifications/" + language + "/labels.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
