package pt.aima.document.casedocuments;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The reasons' catalogues as a test reads them: {@code reasons_<language>.properties}, and the literal sentences of a
 * catalogue (the text between its placeholders and optional parts), to find one language's words in another's text.
 */
public final class Catalogues {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}|\\[|]");

    private Catalogues() {}

    public static Properties of(Language language) {
        Properties words = new Properties();
        try (Reader reader = new InputStreamReader(
                ReasonWording.class.getResourceAsStream("reasons_" + language.code() + ".properties"),
                StandardCharsets.UTF_8)) {
            words.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /** Every literal sentence of the language's catalogue: its reasons and the words of its facts. */
    public static Set<String> sentencesOf(Language language) {
        Properties words = of(language);
        Set<String> sentences = new TreeSet<>();
        for (String key : words.stringPropertyNames()) {
            sentences.addAll(sentences(words.getProperty(key)));
        }
        return sentences;
    }

    /** The sentences of {@code language}'s catalogue that {@code text} holds, for a message that names them. */
    public static List<String> foundIn(String text, Language language) {
        return sentencesOf(language).stream().filter(text::contains).toList();
    }

    /** The literal parts of a sentence: the text between its placeholders, at least a short word long. */
    static List<String> sentences(String template) {
        List<String> sentences = new ArrayList<>();
        for (String part : PLACEHOLDER.split(template)) {
            String sentence = part.strip();
            if (sentence.length() >= 4
                    && sentence.chars().filter(Character::isLetter).count() >= 3) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}
