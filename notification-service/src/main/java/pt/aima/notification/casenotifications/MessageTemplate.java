package pt.aima.notification.casenotifications;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which text a notification is written from and the facts it is filled with. The words live in template files, one
 * per key and language ({@code notifications/<language>/<key>.mustache}); the model fills their placeholders.
 *
 * @param key the template's name
 * @param model values by name: strings, numbers, booleans, {@link java.time.LocalDate}s, {@link java.time.LocalTime}s,
 *     {@link Label}s, lists and maps of these
 */
public record MessageTemplate(String key, Map<String, Object> model) {

    public MessageTemplate {
        Objects.requireNonNull(key, "key");
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
    }

    public static MessageTemplate of(String key, Map<String, Object> model) {
        return new MessageTemplate(key, model);
    }

    /**
     * A stable code to be worded in the applicant's language by the label {@code prefix + code}.
     *
     * @param codeIfUnlabelled whether a code without a label is shown as given (otherwise it is left out)
     */
    public record Label(String prefix, String code, boolean codeIfUnlabelled) {

        public Label {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(code, "code");
        }

        public static Label of(String prefix, String code) {
            return new Label(prefix, code, true);
        }

        public static Label orEmpty(String prefix, String code) {
            return new Label(prefix, code, false);
        }
    }
}
