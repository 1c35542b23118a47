package pt.aima.document.casedocuments;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The words of the checklist's reasons in one language AIMA writes in, from {@code reasons_<language>.properties} beside
 * this class: one sentence per {@link ChecklistReason} code, naming its facts as {@code {name}} (a part in {@code
 * [brackets]} is left out when a fact it names is missing); the words of the facts (address titles, durations); and
 * {@code GENERIC}, the reason given when the code is missing or unknown, or its facts cannot be worded, so a reader
 * never gets another language's sentence or a sentence with a gap.
 *
 * <p>The English sentences are the ones the checklist rules store with each item.
 */
public final class ReasonWording {

    /** The key of the reason given when the item's own cannot be worded. */
    public static final String GENERIC = "GENERIC";

    private static final Map<Language, ReasonWording> LANGUAGES = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            LANGUAGES.put(language, new ReasonWording(language, load(language)));
        }
    }

    private final Language language;
    private final Properties words;

    private ReasonWording(Language language, Properties words) {
        this.language = language;
        this.words = words;
    }

    public static ReasonWording in(Language language) {
        return LANGUAGES.get(language);
    }

    public Language language() {
        return language;
    }

    /**
     * The reason's sentence with its facts worded; empty when the code has no sentence here, or a fact the sentence
     * needs is missing or cannot be worded (a period that is not ISO-8601, an address title without words).
     */
    public Optional<String> sentence(String code, Map<String, String> facts) {
        String template = code == null || code.equals(GENERIC) ? null : words.getProperty(code);
        if (template == null) {
            return Optional.empty();
        }
        return fill(template, facts == null ? Map.of() : facts);
    }

    /** The reason's sentence, or the language's generic reason when it cannot be worded. */
    public String sentenceOrGeneric(String code, Map<String, String> facts) {
        return sentence(code, facts).orElseGet(() -> words.getProperty(GENERIC));
    }

    /** Fills {@code {name}} with the fact's words; a {@code [part]} whose facts are not all given is left out. */
    private Optional<String> fill(String template, Map<String, String> facts) {
        StringBuilder sentence = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            char c = template.charAt(at);
            if (c == '[') {
                int end = template.indexOf(']', at);
                String part = template.substring(at + 1, end);
                if (namesOnlyGiven(part, facts)) {
                    Optional<String> filled = fill(part, facts);
                    if (filled.isEmpty()) {
                        return Optional.empty();
                    }
                    sentence.append(filled.get());
                }
                at = end + 1;
            } else if (c == '{') {
                int end = template.indexOf('}', at);
                Optional<String> worded = fact(template.substring(at + 1, end), facts);
                if (worded.isEmpty()) {
                    return Optional.empty();
                }
                sentence.append(worded.get());
                at = end + 1;
            } else {
                sentence.append(c);
                at++;
            }
        }
        return Optional.of(sentence.toString());
    }

    private static boolean namesOnlyGiven(String part, Map<String, String> facts) {
        int at = part.indexOf('{');
        while (at >= 0) {
            int end = part.indexOf('}', at);
            String value = facts.get(part.substring(at + 1, end));
            if (value == null || value.isBlank()) {
                return false;
            }
            at = part.indexOf('{', end);
        }
        return true;
    }

    private Optional<String> fact(String name, Map<String, String> facts) {
        String value = facts.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (name.equals(ChecklistReason.ADDRESS_TITLE)) {
            return Optional.ofNullable(words.getProperty("addressTitle." + value));
        }
        if (ChecklistReason.DURATIONS.contains(name)) {
            try {
                return Optional.of(duration(Period.parse(value)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }

    /** A duration in years, months and days, as the language says it ("one year", "1 year and 6 months"). */
    private String duration(Period period) {
        List<String> parts = new ArrayList<>();
        int[] amounts = {period.getYears(), period.getMonths(), period.getDays()};
        String[] units = {"year", "month", "day"};
        for (int i = 0; i < units.length; i++) {
            if (amounts[i] != 0) {
                parts.add(amount(units[i], amounts[i]));
            }
        }
        if (parts.isEmpty()) {
            return amount("day", 0);
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1))
                + " "
                + words.getProperty("duration.and")
                + " "
                + parts.getLast();
    }

    private String amount(String unit, int amount) {
        return words.getProperty("duration." + unit + (amount == 1 ? ".one" : ".other"))
                .replace("{n}", Integer.toString(amount));
    }

    private static Properties load(Language language) {
        String file = "reasons_" + language.code() + ".properties";
        Properties words = new Properties();
        try (InputStream in = ReasonWording.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no " + file + " beside " + ReasonWording.class.getName());
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                words.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
