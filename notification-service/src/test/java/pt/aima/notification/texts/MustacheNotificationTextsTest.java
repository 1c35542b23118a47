package pt.aima.notification.texts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.MessageTemplate;
import pt.aima.notification.casenotifications.MessageTemplate.Label;
import pt.aima.notification.casenotifications.RenderedText;

/** Every template in both languages: it renders from the model its notification gives it, with the right words. */
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
                                "- Passport or travel document: identity of the child",
                                "For the application:",
                                "- Sponsor's residence permit: the sponsor's legal residence")),
                Arguments.of(
                        "checklist",
                        Language.PT,
                        checklist(),
                        List.of(
                                "Documentos necessários", "Do filho menor:",
                                "- Passaporte ou documento de viagem: identity of the child", "Do pedido:")),
                Arguments.of(
                        "document-rejected",
                        Language.EN,
                        rejected("ILLEGIBLE"),
                        List.of(
                                "A document was rejected: Passport or travel document",
                                "of the minor child",
                                "Reason: The photo page is blurred.",
                                "How to fix it: Scan or photograph",
                                "Upload a new copy")),
                Arguments.of(
                        "document-rejected",
                        Language.PT,
                        rejected("UNKNOWN_CODE"),
                        List.of(
                                "Documento recusado: Passaporte ou documento de viagem", "do filho menor",
                                "Motivo: The photo page is blurred.", "Como corrigir: Carregue no portal")),
                Arguments.of(
                        "evidence-requested",
                        Language.EN,
                        evidence(),
                        List.of(
                                "more evidence by 15 January 2027",
                                "- Term of Responsibility (Model 4)",
                                "Why: The signature is missing.")),
                Arguments.of(
                        "evidence-requested",
                        Language.PT,
                        evidence(),
                        List.of(
                                "até 15 de janeiro de 2027",
                                "- Termo de Responsabilidade (Modelo 4)",
                                "Porquê: The signature is missing.")),
                Arguments.of(
                        "evidence-reminder",
                        Language.EN,
                        evidence(),
                        List.of("Reminder: evidence due by 15 January 2027", "still waiting")),
                Arguments.of(
                        "evidence-reminder",
                        Language.PT,
                        evidence(),
                        List.of("Lembrete: documentos a entregar até 15 de janeiro de 2027", "ainda aguarda")),
                Arguments.of(
                        "evidence-expired",
                        Language.EN,
                        evidence(),
                        List.of("deadline for evidence has passed", "The deadline of 15 January 2027 passed")),
                Arguments.of(
                        "evidence-expired",
                        Language.PT,
                        evidence(),
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
                                "Why: the service desk is closed on that day. Strike.",
                                "- Passport or travel document")),
                Arguments.of(
                        "appointment-rescheduled",
                        Language.PT,
                        rescheduled(),
                        List.of(
                                "passou para 10 de dezembro de 2026",
                                "balcão PORTO-2, 10 de dezembro de 2026 às 11:00",
                                "Motivo: o balcão está encerrado nesse dia. Strike.")),
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
                                "- SOMETHING_NEW",
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
                                "no prazo de 3 meses")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void rendersTheSubjectAndBodyWithTheFactsInTheApplicantsLanguage(
            String key, Language language, Map<String, Object> model, List<String> expected) {
        RenderedText text = texts.render(MessageTemplate.of(key, model), language);
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
    void aMissingFactFailsTheNotificationInsteadOfSendingAGap() {
        assertThatThrownBy(() -> texts.render(MessageTemplate.of("receipt", Map.of("caseNumber", "X")), Language.EN))
                .hasMessageContaining("submittedOn");
    }

    @Test
    void aMissingTemplateFailsTheNotification() {
        assertThatThrownBy(() -> texts.render(MessageTemplate.of("nonexistent", Map.of()), Language.PT))
                .hasMessageContaining("notifications/pt/nonexistent.mustache");
    }

    private static Map<String, Object> model(Object... entries) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("caseNumber", "CASE-1");
        for (int i = 0; i < entries.length; i += 2) {
            model.put((String) entries[i], entries[i + 1]);
        }
        return model;
    }

    private static Map<String, Object> receipt() {
        return model("submittedOn", LocalDate.of(2026, 11, 20));
    }

    private static Map<String, Object> checklist() {
        return model(
                "members",
                List.of(
                        Map.of(
                                "member", Label.of("relationship.", "MINOR_CHILD"),
                                "documents",
                                        List.of(Map.of(
                                                "document",
                                                Label.of("document.", "PASSPORT"),
                                                "reason",
                                                "identity of the child"))),
                        Map.of(
                                "member",
                                "",
                                "documents",
                                List.of(Map.of(
                                        "document",
                                        Label.of("document.", "SPONSOR_RESIDENCE_PERMIT"),
                                        "reason",
                                        "the sponsor's legal residence")))));
    }

    private static Map<String, Object> rejected(String code) {
        return model(
                "document", Label.of("document.", "PASSPORT"),
                "member", Label.of("relationship.", "MINOR_CHILD"),
                "reason", "The photo page is blurred.",
                "howToFix", Label.orEmpty("fix.", code));
    }

    private static Map<String, Object> evidence() {
        return model(
                "documents",
                List.of(Label.of("document.", "TERM_OF_RESPONSIBILITY")),
                "member",
                "",
                "reason",
                "The signature is missing.",
                "respondBy",
                LocalDate.of(2027, 1, 15));
    }

    private static Map<String, Object> appointment(boolean checklistKnown) {
        return model(
                "desk",
                "LISBOA-1",
                "date",
                LocalDate.of(2026, 12, 3),
                "time",
                LocalTime.of(9, 30),
                "durationMinutes",
                30,
                "checklistKnown",
                checklistKnown,
                "originals",
                checklistKnown ? originals() : List.of());
    }

    private static List<Object> originals() {
        return List.of(Map.of(
                "member", Label.of("relationship.", "MINOR_CHILD"),
                "documents",
                        List.of(
                                Map.of("document", Label.of("document.", "PASSPORT")),
                                Map.of("document", Label.of("document.", "BIRTH_CERTIFICATE")))));
    }

    private static Map<String, Object> rescheduled() {
        Map<String, Object> model = model(
                "desk", "PORTO-2",
                "date", LocalDate.of(2026, 12, 10),
                "time", LocalTime.of(11, 0),
                "durationMinutes", 45,
                "checklistKnown", true,
                "originals", originals(),
                "previousDesk", "LISBOA-1",
                "previousDate", LocalDate.of(2026, 12, 3),
                "previousTime", LocalTime.of(9, 30));
        model.put("reasonCode", Label.orEmpty("reschedule.", "DESK_CLOSED"));
        model.put("reason", "Strike.");
        return model;
    }

    private static Map<String, Object> missed(boolean rescheduled) {
        return model(
                "desk",
                "LISBOA-1",
                "date",
                LocalDate.of(2026, 12, 3),
                "time",
                LocalTime.of(9, 30),
                "rescheduled",
                rescheduled);
    }

    private static Map<String, Object> granted() {
        return model("reasoning", "All conditions met.");
    }

    private static Map<String, Object> refused() {
        return model(
                "grounds",
                List.of(Label.of("ground.", "ENTRY_BAN"), Label.of("ground.", "SOMETHING_NEW")),
                "reasoning",
                "Entry ban in force.",
                "appealDays",
                15,
                "courtMonths",
                3);
    }
}
