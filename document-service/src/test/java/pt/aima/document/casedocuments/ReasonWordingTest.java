package pt.aima.document.casedocuments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.AddressTitle;

/**
 * Portuguese is Portuguese: every reason code, with every fact it can name (every address title, durations of years,
 * months and both, with and without the optional facts), a missing code, a code newer than the catalogue and facts that
 * cannot be worded, worded in Portuguese, holds no sentence of the English catalogue; and every Portuguese sentence is
 * used. The check can fail: the same reasons in English are full of the English catalogue.
 */
class ReasonWordingTest {

    private static final List<String> PERIODS = List.of("P1Y", "P5Y", "P6M", "P1M", "P1Y6M", "P1D", "P10D");

    @Test
    void bothLanguagesWordTheSameCodesAndFacts() {
        Properties english = Catalogues.of(Language.EN);
        Properties portuguese = Catalogues.of(Language.PT);

        assertThat(portuguese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (ChecklistReason reason : ChecklistReason.values()) {
            assertThat(english).containsKey(reason.name());
        }
        for (AddressTitle title : AddressTitle.values()) {
            assertThat(english).containsKey("addressTitle." + title.name());
        }
    }

    @Test
    void noPortugueseReasonHoldsAnyEnglishTextWhateverTheCodesAndFacts() {
        List<String> english = new ArrayList<>();
        for (String sentence : everything(Language.PT)) {
            Catalogues.foundIn(sentence, Language.EN)
                    .forEach(words -> english.add("\"" + words + "\" in \"" + sentence + "\""));
        }

        assertThat(english).as("English text in Portuguese reasons").isEmpty();
    }

    @Test
    void everyPortugueseSentenceIsUsed() {
        String everything = String.join("\n", everything(Language.PT));

        for (String sentence : Catalogues.sentencesOf(Language.PT)) {
            assertThat(everything).as(sentence).contains(sentence);
        }
    }

    @Test
    void theEnglishCatalogueIsWhatEnglishReasonsAreWrittenIn() {
        for (String sentence : everything(Language.EN)) {
            assertThat(Catalogues.foundIn(sentence, Language.EN)).as(sentence).isNotEmpty();
        }
    }

    @Test
    void wordsTheFactsInTheReadersLanguage() {
        Map<String, String> facts = Map.of("fromAge", "16", "foreignStay", "P1Y6M", "countries", "BRA, IND");

        assertThat(ReasonWording.in(Language.PT).sentence("CRIMINAL_RECORD_ABROAD", facts))
                .hasValue("Certificado de registo criminal: exigido a partir dos 16 anos, do país da nacionalidade e de"
                        + " qualquer país onde tenha vivido mais de um ano e 6 meses antes de vir para Portugal"
                        + " (BRA, IND)");
        assertThat(ReasonWording.in(Language.EN).sentence("HOME_NOT_OWNED", Map.of("addressTitle", "TENANT")))
                .hasValue("The household lives there as tenant: a declaration from the landlord or accommodation"
                        + " entity");
        assertThat(ReasonWording.in(Language.PT).sentence("ADDRESS_OF_RESIDENCE", Map.of()))
                .as("an optional fact left out with its part")
                .hasValue("Declaração sob compromisso de honra da morada de residência, com o título a que o agregado"
                        + " familiar nela habita");
    }

    @Test
    void aReasonThatCannotBeWordedIsTheGenericOneNeverAGap() {
        ReasonWording portuguese = ReasonWording.in(Language.PT);

        assertThat(portuguese.sentenceOrGeneric(null, Map.of())).isEqualTo("Exigido para o seu pedido");
        assertThat(portuguese.sentenceOrGeneric("NEWER_THAN_THE_CATALOGUE", Map.of()))
                .isEqualTo("Exigido para o seu pedido");
        assertThat(portuguese.sentenceOrGeneric("MODEL_4_IN_FORCE", Map.of()))
                .as("a fact the sentence needs is missing")
                .isEqualTo("Exigido para o seu pedido");
        assertThat(portuguese.sentenceOrGeneric("HOME_OWNED", Map.of("addressTitle", "CASTLE")))
                .isEqualTo("Exigido para o seu pedido");
        assertThat(portuguese.sentenceOrGeneric(
                        "STAY_IN_PORTUGAL", Map.of("portugueseStay", "more than a year", "lookback", "P5Y")))
                .isEqualTo("Exigido para o seu pedido");
    }

    /** Every code with every combination of facts it names, and the codes and facts that cannot be worded. */
    private static List<String> everything(Language language) {
        ReasonWording wording = ReasonWording.in(language);
        List<Map<String, String>> factSets = new ArrayList<>();
        factSets.add(Map.of());
        for (AddressTitle title : AddressTitle.values()) {
            for (String period : PERIODS) {
                Map<String, String> facts = new HashMap<>();
                facts.put("addressTitle", title.name());
                facts.put("model4Version", "2024");
                facts.put("fromAge", "16");
                facts.put("foreignStay", period);
                facts.put("portugueseStay", period);
                facts.put("lookback", period);
                factSets.add(facts);
                Map<String, String> withCountries = new HashMap<>(facts);
                withCountries.put("countries", "BRA, IND");
                factSets.add(withCountries);
            }
        }
        List<String> sentences = new ArrayList<>();
        List<String> codes = new ArrayList<>(Arrays.stream(ChecklistReason.values())
                .map(ChecklistReason::name)
                .toList());
        codes.add(null);
        codes.add("NEWER_THAN_THE_CATALOGUE");
        for (String code : codes) {
            for (Map<String, String> facts : factSets) {
                sentences.add(wording.sentenceOrGeneric(code, facts));
            }
        }
        sentences.add(wording.sentenceOrGeneric("STAY_IN_PORTUGAL", Map.of("portugueseStay", "x", "lookback", "P5Y")));
        return sentences;
    }
}
