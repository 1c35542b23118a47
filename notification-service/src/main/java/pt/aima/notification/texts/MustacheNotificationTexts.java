package pt.aima.notification.texts;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import pt.aima.notification.casenotifications.Label;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.NotificationMessage;
import pt.aima.notification.casenotifications.NotificationTexts;
import pt.aima.notification.casenotifications.RenderedText;

/**
 * Writes notifications from Mustache templates (JMustache) on the classpath: {@code
 * notifications/<language>/<template>.mustache}, whose first line is the subject and whose body starts after the blank
 * line that follows. Codes are worded by {@code notifications/<language>/labels.properties}, which also holds the
 * language's date ({@code format.date}) and time ({@code format.time}) patterns and the words of durations ({@code
 * duration.*}). A label may name facts as placeholders, filled from the {@link Label}'s values. A message's values are
 * its record components, by name; nested records and lists of them become sections.
 *
 * <p>A template or a placeholder that is missing fails the notification rather than sending an incomplete text. The
 * texts are plain text (e-mail, SMS and the inbox alike), so nothing is HTML-escaped.
 */
public class MustacheNotificationTexts implements NotificationTexts {

    static final String ROOT = "notifications/";

    private final Mustache.Compiler compiler =
            Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true).strictSections(false);
    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Map<String, Template> labelTemplates = new ConcurrentHashMap<>();
    private final Map<Language, Properties> labels = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;

    public MustacheNotificationTexts(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public static MustacheNotificationTexts fromClasspath() {
        return new MustacheNotificationTexts(MustacheNotificationTexts.class.getClassLoader());
    }

    @Override
    public RenderedText render(NotificationMessage message, Language language) {
        // Every message is a record (the interface is sealed to records).
        return render(message.template(), (Record) message, language);
    }

    /** Writes the template with the values of a record: its components, by name. */
    RenderedText render(String template, Record values, Language language) {
        Template compiled = templates.computeIfAbsent(path(language, template + ".mustache"), this::compile);
        String text = compiled.execute(worded(values, language)).replace("\r\n", "\n");
        int endOfSubject = text.indexOf('\n');
        if (endOfSubject < 0) {
            throw new IllegalStateException("template " + template + " has no body after its subject line");
        }
        return new RenderedText(
                text.substring(0, endOfSubject).strip(),
                text.substring(endOfSubject + 1).strip() + "\n");
    }

    private Object worded(Object value, Language language) {
        return switch (value) {
            case null -> "";
            case LocalDate date -> date.format(formatter("format.date", language));
            case LocalTime time -> time.format(formatter("format.time", language));
            case Label label -> worded(label, language);
            case Period period -> worded(period, language);
            case Record record -> {
                Map<String, Object> values = new LinkedHashMap<>();
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    values.put(component.getName(), worded(valueOf(component, record), language));
                }
                yield values;
            }
            case Collection<?> list -> {
                List<Object> copy = new ArrayList<>();
                list.forEach(entry -> copy.add(worded(entry, language)));
                yield copy;
            }
            default -> value;
        };
    }

    /**
     * The label of the code, or its fallback's when the code is missing or unlabelled; a label naming facts is a
     * template of its own, filled with the label's values.
     */
    private String worded(Label label, Language language) {
        Properties words = labels(language);
        String worded = label.code() == null ? null : words.getProperty(label.prefix() + label.code());
        if (worded == null && label.fallback() != null) {
            worded = words.getProperty(label.fallback());
            if (worded == null) {
                throw new IllegalStateException("no label " + label.fallback() + " in the labels of " + language);
            }
        }
        if (worded == null) {
            return label.codeIfUnlabelled() ? label.code() : "";
        }
        if (!worded.contains("{{")) {
            return worded;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        label.values().forEach((name, value) -> values.put(name, worded(value, language)));
        try {
            return labelTemplates
                    .computeIfAbsent(worded, compiler::compile)
                    .execute(values)
                    .strip();
        } catch (MustacheException e) {
            // A fact the label names is missing: its fallback rather than a sentence with a gap.
            if (label.fallback() == null || label.code() == null) {
                throw e;
            }
            return worded(new Label(label.prefix(), null, false, Map.of(), label.fallback()), language);
        }
    }

    /** A duration in whole years, months and days, as the language says it ("one year", "6 months"). */
    private String worded(Period period, Language language) {
        List<String> parts = new ArrayList<>();
        int[] amounts = {period.getYears(), period.getMonths(), period.getDays()};
        String[] units = {"year", "month", "day"};
        for (int i = 0; i < units.length; i++) {
            if (amounts[i] != 0) {
                parts.add(amount(units[i], amounts[i], language));
            }
        }
        if (parts.isEmpty()) {
            return amount("day", 0, language);
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1))
                + " "
                + label("duration.and", language)
                + " "
                + parts.getLast();
    }

    private String amount(String unit, int amount, Language language) {
        String key = "duration." + unit + (amount == 1 ? ".one" : ".other");
        return label(key, language).replace("{{n}}", Integer.toString(amount));
    }

    private String label(String key, Language language) {
        String worded = labels(language).getProperty(key);
        if (worded == null) {
            throw new IllegalStateException("no label " + key + " in the labels of " + language);
        }
        return worded;
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }

    private DateTimeFormatter formatter(String key, Language language) {
        String pattern = labels(language).getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("no " + key + " in the labels of " + language);
        }
        return DateTimeFormatter.ofPattern(pattern, language.locale());
    }

    private Properties labels(Language language) {
        return labels.computeIfAbsent(language, this::loadLabels);
    }

    private Properties loadLabels(Language language) {
        Properties properties = new Properties();
        try (Reader reader = reader(path(language, "labels.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private Template compile(String path) {
        try (Reader reader = reader(path)) {
            return compiler.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reader reader(String path) {
        InputStream in = classLoader.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("no notification text " + path);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static String path(Language language, String file) {
        return ROOT + language.name().toLowerCase(Locale.ROOT) + "/" + file;
    }
}
