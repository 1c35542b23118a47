package pt.aima.application.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import pt.aima.application.casefile.NotEligible;

/** A refused registration is told in the applicant's language: its rule's code travels, its words are rendered. */
class ApplicationProblemsAdviceTest {

    private final ApplicationProblemsAdvice advice = new ApplicationProblemsAdvice();

    @ParameterizedTest
    @ValueSource(
            strings = {"RELATIONSHIP_NOT_ELIGIBLE", "NOT_A_MINOR", "NOT_AN_ADULT", "MINOR_NOT_PRESENT_ON_SUBMISSION"})
    void wordsEveryRuleInPortugueseWithoutAnyEnglishText(String rule) throws IOException {
        NotEligible refusal = new NotEligible(rule, 1, "members[1]: the rules' own English sentence");

        ResponseEntity<ProblemDetail> portuguese = advice.refused(new RefusedRegistration(refusal, "pt"));
        ResponseEntity<ProblemDetail> english = advice.refused(new RefusedRegistration(refusal, "en"));

        assertThat(portuguese.getHeaders().getFirst(HttpHeaders.CONTENT_LANGUAGE))
                .isEqualTo("pt");
        assertThat(portuguese.getBody().getProperties())
                .containsEntry("rule", rule)
                .containsEntry("member", 1);
        String words =
                portuguese.getBody().getTitle() + "\n" + portuguese.getBody().getDetail();
        assertThat(words).contains("2.º membro").doesNotContain("members[1]", "English");
        for (String sentence : englishTexts()) {
            assertThat(words).doesNotContain(sentence);
        }
        assertThat(english.getBody().getDetail())
                .containsIgnoringCase("member 2")
                .isNotEqualTo(portuguese.getBody().getDetail());
        assertThat(english.getHeaders().getFirst(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("en");
    }

    @Test
    void aRuleWithoutWordsOrALanguageAimaDoesNotWriteInGetsThePortugueseGenericReason() {
        ProblemDetail unknownRule = advice.refused(new RefusedRegistration(new NotEligible("NEW_RULE", 0, "x"), "pt"))
                .getBody();
        ProblemDetail unknownLanguage = advice.refused(
                        new RefusedRegistration(new NotEligible("NEW_RULE", 0, "x"), "uk"))
                .getBody();

        assertThat(unknownRule.getDetail())
                .isEqualTo("O pedido não cumpre uma das condições de elegibilidade do reagrupamento familiar.");
        assertThat(unknownLanguage.getDetail()).isEqualTo(unknownRule.getDetail());
        assertThat(unknownRule.getProperties()).containsEntry("rule", "NEW_RULE");
    }

    @Test
    void bothLanguagesWordTheSameRules() throws IOException {
        assertThat(texts("pt").stringPropertyNames()).isEqualTo(texts("en").stringPropertyNames());
    }

    private static List<String> englishTexts() throws IOException {
        Properties english = texts("en");
        return english.stringPropertyNames().stream()
                .flatMap(key -> List.of(english.getProperty(key).split("\\{0}|\\. ")).stream())
                .map(String::strip)
                .filter(sentence -> sentence.length() >= 6)
                .toList();
    }

    private static Properties texts(String language) throws IOException {
        Properties properties = new Properties();
        try (var in =
                ApplicationProblemsAdviceTest.class.getResourceAsStream("/problems/" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
