package pt.aima.notification.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pt.aima.notification.casenotifications.Label;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.NotificationMessage;
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
import pt.aima.notification.casenotifications.RenderedText;

/** Every template in both languages: it renders from the message its notification gives it, with the right words. */
class MustacheNotificationTextsTest {

    private static final MustacheNotificationTexts texts = MustacheNotificationTexts.fromClasspath();

    static Stream<Arguments> everyTemplateInBothLanguages() {
        return Stream.of(
                Arguments.of(
                        "receipt",
                        Language.EN,
                        receipt(),
                        List.of(
                                "application received (case CASE-1)",
                                "submitted on 20 November 2026",
                                "What happens next")),
                Arguments.of(
                        "receipt",
                        Language.PT,
                        receipt(),
                        List.of(
                                "recebido (processo CASE-1)",
                                "submetido em 20 de novembro de 2026",
                                "O que acontece a seguir")),
                Arguments.of(
                        "checklist",
                        Language.EN,
                        checklist(),
                        List.of(
                                "Documents needed",
                                "For the minor child:",
                                "- Passport or travel document: a valid passport or travel document of the member",
                                "For the application:",
                                "- Sponsor's residence permit: the sponsor must reside legally in Portugal")),
                Arguments.of(
                        "checklist",
                        Language.PT,
                        checklist(),
                        List.of(
                                "Documentos necessários",
                                "Do filho menor:",
                                "- Passaporte ou documento de viagem: passaporte ou documento de viagem válido do membro"
                                        + " da família",
                                "Do pedido:",
                                "- Autorização de residência do requerente: o requerente tem de residir legalmente em"
                                        + " Portugal")),
                Arguments.of(
                        "document-rejected",
                        Language.EN,
                        rejected("ILLEGIBLE"),
                        List.of(
                                "A document was rejected: Passport or travel document",
                                "of the minor child",
                                "Reason: the copy cannot be read.",
                                "Caseworker's note (as written): The photo page is blurred.",
                                "How to fix it: Scan or photograph",
                                "Upload a new copy")),
                Arguments.of(
                        "document-rejected",
                        Language.PT,
                        rejected("UNKNOWN_CODE"),
                        List.of(
                                "Documento recusado: Passaporte ou documento de viagem",
                                "do filho menor",
                                "Motivo: o documento não cumpre os requisitos.",
                                "Nota do técnico (tal como escrita): The photo page is blurred.",
                                "Como corrigir: Carregue no portal")),
                Arguments.of(
                        "evidence-requested",
                        Language.EN,
                        evidenceRequested(),
                        List.of(
                                "more evidence by 15 January 2027",
                                "- Term of Responsibility (Model 4)",
                                "Caseworker's note (as written): The signature is missing.")),
                Arguments.of(
                        "evidence-requested",
                        Language.PT,
                        evidenceRequested(),
                        List.of(
                                "até 15 de janeiro de 2027",
                                "- Termo de Responsabilidade (Modelo 4)",
                                "Nota do técnico (tal como escrita): The signature is missing.")),
                Arguments.of(
                        "evidence-reminder",
                        Language.EN,
                        evidenceReminder(),
                        List.of("Reminder: evidence due by 15 January 2027", "still waiting")),
                Arguments.of(
                        "evidence-reminder",
                        Language.PT,
                        evidenceReminder(),
                        List.of("Lembrete: documentos a entregar até 15 de janeiro de 2027", "ainda aguarda")),
                Arguments.of(
                        "evidence-expired",
                        Language.EN,
                        evidenceExpired(),
                        List.of("deadline for evidence has passed", "The deadline of 15 January 2027 passed")),
                Arguments.of(
                        "evidence-expired",
                        Language.PT,
                        evidenceExpired(),
                        List.of("Terminou o prazo", "O prazo de 15 de janeiro de 2027 terminou")),
                Arguments.of(
                        "appointment",
                        Language.EN,
                        appointment(true),
                        List.of(
                                "Biometric appointment on 3 December 2026",
                                "Place: service desk LISBOA-1",
                                "Time: 09:30",
                                "30 minutes",
                                "For the minor child:",
                                "- Passport or travel document",
                                "- Birth certificate")),
                Arguments.of(
                        "appointment",
                        Language.PT,
                        appointment(false),
                        List.of(
                                "marcada para 3 de dezembro de 2026",
                                "Local: balcão LISBOA-1",
                                "Traga os originais",
                                "- todos os documentos cujas cópias carregou")),
                Arguments.of(
                        "appointment-rescheduled",
                        Language.EN,
                        rescheduled(),
                        List.of(
                                "has moved to 10 December 2026",
                                "service desk LISBOA-1, 3 December 2026 at 09:30",
                                "service desk PORTO-2, 10 December 2026 at 11:00",
                                "Why: the service desk is closed on that day.",
                                "Note from AIMA (as written): Strike.",
                                "- Passport or travel document")),
                Arguments.of(
                        "appointment-rescheduled",
                        Language.PT,
                        rescheduled(),
                        List.of(
                                "passou para 10 de dezembro de 2026",
                                "balcão PORTO-2, 10 de dezembro de 2026 às 11:00",
                                "Motivo: o balcão está encerrado nesse dia.",
                                "Nota da AIMA (tal como escrita): Strike.")),
                Arguments.of(
                        "appointment-missed",
                        Language.EN,
                        missed(true),
                        List.of(
                                "You missed your biometric appointment",
                                "service desk LISBOA-1 on 3 December 2026",
                                "AIMA has booked a new appointment")),
                Arguments.of(
                        "appointment-missed",
                        Language.PT,
                        missed(false),
                        List.of("Faltou à recolha", "Não é feita nova marcação")),
                Arguments.of(
                        "decision-granted",
                        Language.EN,
                        granted(),
                        List.of("application granted (case CASE-1)", "Statement of reasons: All conditions met.")),
                Arguments.of(
                        "decision-granted",
                        Language.PT,
                        granted(),
                        List.of("deferido (processo CASE-1)", "Fundamentação: All conditions met.")),
                Arguments.of(
                        "decision-refused",
                        Language.EN,
                        refused(),
                        List.of(
                                "application refused (case CASE-1)",
                                "- a ban on entering Portugal",
                                "- another legal ground, explained in the statement of reasons",
                                "Right to appeal",
                                "within 15 working days",
                                "within 3 months")),
                Arguments.of(
                        "decision-refused",
                        Language.PT,
                        refused(),
                        List.of(
                                "indeferido (processo CASE-1)",
                                "- interdição de entrada em Portugal",
                                "Direito de recurso",
                                "no prazo de 15 dias úteis",
                                "no prazo de 3 meses")),
                Arguments.of(
                        "deadline-extended",
                        Language.EN,
                        deadlineExtended(),
                        List.of(
                                "Decision deadline extended to 23 May 2028 (case CASE-1)",
                                "extended, once only",
                                "New decision deadline: 23 May 2028",
                                "Reason given by the caseworker (as written): The consulate must confirm the marriage.")),
                Arguments.of(
                        "deadline-extended",
                        Language.PT,
                        deadlineExtended(),
                        List.of(
                                "Prazo de decisão prorrogado até 23 de maio de 2028 (processo CASE-1)",
                                "complexidade da análise do pedido",
                                "Novo prazo de decisão: 23 de maio de 2028",
                                "Motivo indicado pelo técnico (tal como escrito): The consulate must confirm the"
                                        + " marriage.")));
    }

    private static NotificationMessage deadlineExtended() {
        return new DeadlineExtended("CASE-1", LocalDate.of(2028, 5, 23), "The consulate must confirm the marriage.");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void rendersTheSubjectAndBodyWithTheFactsInTheApplicantsLanguage(
            String template, Language language, NotificationMessage message, List<String> expected) {
        assertThat(message.template()).isEqualTo(template);
        RenderedText text = texts.render(message, language);
        assertThat(text.subject()).doesNotContain("\n").isNotBlank();
        assertThat(text.subject() + "\n" + text.body()).contains(expected);
        assertThat(text.body()).doesNotContain("{{", "}}", "\n\n\n");
    }

    @Test
    void bothLanguagesWordTheSameCodes() throws java.io.IOException {
        assertThat(labels("pt").stringPropertyNames()).isEqualTo(labels("en").stringPropertyNames());
    }

    private static java.util.Properties labels(String language) throws java.io.IOException {
        var properties = new java.util.Properties();
        try (var in = MustacheNotificationTextsTest.class.getResourceAsStream(
                "/notifications/" + language + "/labels.properties")) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void wordsTheFactsALabelNamesInTheApplicantsLanguage() {
        Label reason = Label.orGeneric(
                "required.",
                "CRIMINAL_RECORD_ABROAD",
                Map.of("fromAge", "16", "foreignStay", Period.of(1, 6, 0), "countries", "BRA, IND"));
        Label noCountries = Label.orGeneric(
                "required.", "CRIMINAL_RECORD_ABROAD", Map.of("fromAge", "16", "foreignStay", Period.ofMonths(6)));
        Label title = Label.orGeneric(
                "required.", "HOME_NOT_OWNED", Map.of("addressTitle", Label.of("addressTitle.", "TENANT")));
        Checklist checklist = new Checklist(
                CASE,
                List.of(new MemberDocuments(
                        CHILD,
                        List.of(
                                new RequiredDocument(Label.of("document.", "CRIMINAL_RECORD"), reason),
                                new RequiredDocument(Label.of("document.", "CRIMINAL_RECORD"), noCountries),
                                new RequiredDocument(Label.of("document.", "LANDLORD_DECLARATION"), title)))));

        assertThat(texts.render(checklist, Language.PT).body())
                .contains(
                        "exigido a partir dos 16 anos, do país da nacionalidade e de qualquer país onde tenha vivido"
                                + " mais de um ano e 6 meses antes de vir para Portugal (BRA, IND)\n",
                        "mais de 6 meses antes de vir para Portugal\n",
                        "o agregado familiar habita a casa como arrendatário: declaração do senhorio");
        assertThat(texts.render(checklist, Language.EN).body())
                .contains(
                        "for more than one year and 6 months before coming to Portugal (BRA, IND)\n",
                        "the household lives there as tenant: a declaration from the landlord");
    }

    @Test
    void aReasonWithoutACodeOrWithAnUnknownOneIsTheGenericReasonNeverTheCode() {
        RenderedText withoutCode = texts.render(
                new DocumentRejected(
                        CASE,
                        Label.of("document.", "PASSPORT"),
                        null,
                        Label.orGeneric("reject.", null, Map.of()),
                        null,
                        null),
                Language.PT);
        RenderedText unknownCode = texts.render(
                new DocumentRejected(
                        CASE,
                        Label.of("document.", "PASSPORT"),
                        null,
                        Label.orGeneric("reject.", "NEW_CODE", Map.of()),
                        null,
                        null),
                Language.PT);

        assertThat(withoutCode.body())
                .contains("Motivo: o documento não cumpre os requisitos.\n\nComo corrigir")
                .doesNotContain("Nota do técnico");
        assertThat(unknownCode.body()).isEqualTo(withoutCode.body());
    }

    /** Values that lack the receipt's {@code submittedOn}. */
    record CaseNumberOnly(String caseNumber) {}

    @Test
    void aFactTheTemplateNeedsButTheMessageLacksFailsTheNotificationInsteadOfSendingAGap() {
        assertThatThrownBy(() -> texts.render("receipt", new CaseNumberOnly("X"), Language.EN))
                .hasMessageContaining("submittedOn");
    }

    @Test
    void aMissingTemplateFailsTheNotification() {
        assertThatThrownBy(() -> texts.render("nonexistent", new CaseNumberOnly("X"), Language.PT))
                .hasMessageContaining("notifications/pt/nonexistent.mustache");
    }

    @Test
    void aMissingValueIsWrittenAsNothing() {
        RenderedText text = texts.render(new DecisionGranted("CASE-1", null), Language.EN);

        assertThat(text.body()).contains("Statement of reasons: \n");
    }

    @Test
    void theTemplateTestsCoverEveryKindOfMessage() {
        List<String> covered = everyTemplateInBothLanguages()
                .map(arguments -> (NotificationMessage) arguments.get()[2])
                .map(message -> message.getClass().getSimpleName())
                .distinct()
                .toList();

        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(Stream.of(NotificationMessage.class.getPermittedSubclasses())
                        .map(Class::getSimpleName)
                        .toList());
    }

    private static final String CASE = "CASE-1";
    private static final Label CHILD = Label.of("relationship.", "MINOR_CHILD");

    private static Receipt receipt() {
        return new Receipt(CASE, LocalDate.of(2026, 11, 20));
    }

    private static Checklist checklist() {
        return new Checklist(
                CASE,
                List.of(
                        new MemberDocuments(
                                CHILD,
                                List.of(new RequiredDocument(
                                        Label.of("document.", "PASSPORT"),
                                        Label.orGeneric("required.", "VALID_TRAVEL_DOCUMENT", Map.of())))),
                        new MemberDocuments(
                                null,
                                List.of(new RequiredDocument(
                                        Label.of("document.", "SPONSOR_RESIDENCE_PERMIT"),
                                        Label.orGeneric("required.", "SPONSOR_RESIDES_LEGALLY", Map.of()))))));
    }

    private static DocumentRejected rejected(String code) {
        return new DocumentRejected(
                CASE,
                Label.of("document.", "PASSPORT"),
                CHILD,
                Label.orGeneric("reject.", code, Map.of()),
                "The photo page is blurred.",
                Label.orEmpty("fix.", code));
    }

    private static final List<Label> EVIDENCE = List.of(Label.of("document.", "TERM_OF_RESPONSIBILITY"));
    private static final LocalDate RESPOND_BY = LocalDate.of(2027, 1, 15);

    private static EvidenceRequested evidenceRequested() {
        return new EvidenceRequested(CASE, EVIDENCE, null, "The signature is missing.", RESPOND_BY);
    }

    private static EvidenceReminder evidenceReminder() {
        return new EvidenceReminder(CASE, EVIDENCE, null, RESPOND_BY);
    }

    private static EvidenceExpired evidenceExpired() {
        return new EvidenceExpired(CASE, EVIDENCE, null, RESPOND_BY);
    }

    private static Appointment appointment(boolean checklistKnown) {
        return new Appointment(
                CASE,
                "LISBOA-1",
                LocalDate.of(2026, 12, 3),
                LocalTime.of(9, 30),
                30,
                checklistKnown ? originals() : List.of(),
                checklistKnown);
    }

    private static List<MemberOriginals> originals() {
        return List.of(new MemberOriginals(
                CHILD,
                List.of(
                        new Original(Label.of("document.", "PASSPORT")),
                        new Original(Label.of("document.", "BIRTH_CERTIFICATE")))));
    }

    private static AppointmentRescheduled rescheduled() {
        return new AppointmentRescheduled(
                CASE,
                "PORTO-2",
                LocalDate.of(2026, 12, 10),
                LocalTime.of(11, 0),
                45,
                originals(),
                true,
                "LISBOA-1",
                LocalDate.of(2026, 12, 3),
                LocalTime.of(9, 30),
                Label.orGeneric("reschedule.", "DESK_CLOSED", Map.of()),
                "Strike.");
    }

    private static AppointmentMissed missed(boolean rescheduled) {
        return new AppointmentMissed(CASE, "LISBOA-1", LocalDate.of(2026, 12, 3), LocalTime.of(9, 30), rescheduled);
    }

    private static DecisionGranted granted() {
        return new DecisionGranted(CASE, "All conditions met.");
    }

    private static DecisionRefused refused() {
        return new DecisionRefused(
                CASE,
                List.of(
                        Label.orGeneric("ground.", "ENTRY_BAN", Map.of()),
                        Label.orGeneric("ground.", "SOMETHING_NEW", Map.of())),
                "Entry ban in force.",
                15,
                3);
    }
}
