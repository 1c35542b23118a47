package pt.aima.notification.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.MessageTemplate;
import pt.aima.notification.casenotifications.MessageTemplate.CodeList;
import pt.aima.notification.casenotifications.RenderedText;

/** The notification texts as the applicant reads them, from the real bundles. */
class BundleNotificationTextsTest {

    private static final String CASE_NUMBER = "6f1c1e5e-2b7a-4d3c-9a55-0c1d2e3f4a5b";

    private final BundleNotificationTexts texts = BundleNotificationTexts.fromClasspath();

    @Test
    void writesTheReceiptWithTheCaseNumberInPortugueseAndInEnglish() {
        MessageTemplate receipt = MessageTemplate.of("receipt", CASE_NUMBER, LocalDate.of(2026, 11, 23));

        RenderedText pt = texts.render(receipt, Language.PT);
        assertThat(pt.subject()).isEqualTo("Pedido de reagrupamento familiar recebido (processo " + CASE_NUMBER + ")");
        assertThat(pt.body())
                .contains("submetido em 23 de novembro de 2026", "Número do processo: " + CASE_NUMBER)
                .contains("O que acontece a seguir", "Não precisa de telefonar");

        RenderedText en = texts.render(receipt, Language.EN);
        assertThat(en.subject()).isEqualTo("Family reunification application received (case " + CASE_NUMBER + ")");
        assertThat(en.body())
                .contains("submitted on 23 November 2026", "Case number: " + CASE_NUMBER)
                .contains("What happens next", "You do not need to call");
    }

    @Test
    void tellsWhereAndWhenTheAppointmentIsAndToBringTheOriginals() {
        MessageTemplate appointment = MessageTemplate.of(
                "appointment", CASE_NUMBER, "LISBOA-1", LocalDate.of(2026, 12, 3), LocalTime.of(9, 5), 30);

        RenderedText pt = texts.render(appointment, Language.PT);
        assertThat(pt.subject()).contains("3 de dezembro de 2026");
        assertThat(pt.body())
                .contains("balcão LISBOA-1", "Data: 3 de dezembro de 2026", "Hora: 09:05", "30 minutos")
                .contains("Traga os originais", "Termo de Responsabilidade (Modelo 4)");

        RenderedText en = texts.render(appointment, Language.EN);
        assertThat(en.body())
                .contains("service desk LISBOA-1", "Date: 3 December 2026", "Time: 09:05", "30 minutes")
                .contains("Bring the originals", "the sponsor's residence permit");
    }

    @Test
    void wordsTheGroundsOfARefusalAndTheRightToAppeal() {
        MessageTemplate refusal = MessageTemplate.of(
                "decision.refused",
                CASE_NUMBER,
                new CodeList("ground.", List.of("ENTRY_BAN", "LOCAL_RULE_7")),
                "The sponsor's permit had expired.");

        RenderedText pt = texts.render(refusal, Language.PT);
        assertThat(pt.subject()).contains("indeferido");
        assertThat(pt.body())
                .contains("Fundamentos: interdição de entrada em Portugal; LOCAL_RULE_7")
                .contains("Fundamentação: The sponsor's permit had expired.")
                .contains("Direito de recurso");

        RenderedText en = texts.render(refusal, Language.EN);
        assertThat(en.body())
                .contains("Grounds: a ban on entering Portugal; LOCAL_RULE_7")
                .contains("Right to appeal");
    }

    @Test
    void writesAGrantWithItsReasons() {
        RenderedText en = texts.render(
                MessageTemplate.of("decision.granted", CASE_NUMBER, "All conditions are met."), Language.EN);
        assertThat(en.subject()).isEqualTo("Family reunification application granted (case " + CASE_NUMBER + ")");
        assertThat(en.body()).contains("has been granted", "All conditions are met.", "members' residence permits");
    }

    @Test
    void fillsEveryPlaceholder() {
        List<MessageTemplate> all = List.of(
                MessageTemplate.of("receipt", CASE_NUMBER, LocalDate.of(2026, 11, 23)),
                MessageTemplate.of(
                        "appointment", CASE_NUMBER, "LISBOA-1", LocalDate.of(2026, 12, 3), LocalTime.of(9, 5), 30),
                MessageTemplate.of("decision.granted", CASE_NUMBER, "ok"),
                MessageTemplate.of(
                        "decision.refused", CASE_NUMBER, new CodeList("ground.", List.of("ENTRY_BAN")), "x"));
        for (Language language : Language.values()) {
            for (MessageTemplate template : all) {
                RenderedText text = texts.render(template, language);
                assertThat(text.subject() + text.body())
                        .as(template.key() + " in " + language)
                        .doesNotContain("{", "}", "''");
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameEntries() throws IOException {
        assertThat(bundle("en").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("pt").stringPropertyNames());
    }

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BundleNotificationTextsTest.class.getResourceAsStream(
                "/" + BundleNotificationTexts.BUNDLE + "_" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
