package pt.aima.notification.casenotifications;

import java.util.List;
import java.util.Objects;

/**
 * Which text a notification is written from and the facts it is filled with. The words live in the message bundles
 * ({@code messages/notifications_*.properties}), one subject and one body per key; the arguments fill their
 * placeholders in order.
 *
 * @param key the bundle key without its {@code .subject} / {@code .body} suffix
 * @param arguments strings, numbers, {@link java.time.LocalDate}s, {@link java.time.LocalTime}s and {@link CodeList}s
 */
public record MessageTemplate(String key, List<Object> arguments) {

    public MessageTemplate {
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments);
    }

    public static MessageTemplate of(String key, Object... arguments) {
        return new MessageTemplate(key, List.of(arguments));
    }

    /**
     * Codes to be worded in the applicant's language, each by the bundle entry {@code prefix + code} (shown as given
     * when there is none), and listed.
     */
    public record CodeList(String prefix, List<String> codes) {

        public CodeList {
            Objects.requireNonNull(prefix, "prefix");
            codes = List.copyOf(codes);
        }
    }
}
