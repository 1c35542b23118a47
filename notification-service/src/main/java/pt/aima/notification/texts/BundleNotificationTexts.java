package pt.aima.notification.texts;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.MessageTemplate;
import pt.aima.notification.casenotifications.MessageTemplate.CodeList;
import pt.aima.notification.casenotifications.NotificationTexts;
import pt.aima.notification.casenotifications.RenderedText;

/**
 * Writes notifications from the message bundles: {@code <key>.subject} and {@code <key>.body} in the applicant's
 * language, dates and times in that language's own format. A key missing from a bundle fails the notification
 * rather than sending an empty text.
 */
public class BundleNotificationTexts implements NotificationTexts {

    static final String BUNDLE = "messages/notifications";
    static final String LIST_SEPARATOR = "; ";

    private final MessageSource messages;

    public BundleNotificationTexts(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The bundles under {@code messages/notifications_<language>.properties}, apart from the application's own message
     * source. Only the bundles of the languages AIMA writes in exist, and the server's locale never chooses one.
     */
    public static BundleNotificationTexts fromClasspath() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename(BUNDLE);
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return new BundleNotificationTexts(messages);
    }

    @Override
    public RenderedText render(MessageTemplate template, Language language) {
        Locale locale = language.locale();
        Object[] arguments = template.arguments().stream()
                .map(argument -> worded(argument, locale))
                .toArray();
        return new RenderedText(
                messages.getMessage(template.key() + ".subject", arguments, locale),
                messages.getMessage(template.key() + ".body", arguments, locale));
    }

    private Object worded(Object argument, Locale locale) {
        return switch (argument) {
            case LocalDate date -> date.format(formatter("format.date", locale));
            case LocalTime time -> time.format(formatter("format.time", locale));
            case CodeList list ->
                list.codes().stream()
                        .map(code -> messages.getMessage(list.prefix() + code, null, code, locale))
                        .collect(Collectors.joining(LIST_SEPARATOR));
            default -> argument;
        };
    }

    private DateTimeFormatter formatter(String key, Locale locale) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, locale), locale);
    }
}
