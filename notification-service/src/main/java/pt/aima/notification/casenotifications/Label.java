package pt.aima.notification.casenotifications;

import java.util.Map;
import java.util.Objects;

/**
 * A stable code to be worded in the applicant's language by the label {@code prefix + code} (in {@code
 * notifications/<language>/labels.properties}). A label may name facts as Mustache placeholders ({@code
 * {{model4Version}}}), filled from {@code values} and worded like a message's values.
 *
 * @param code {@code null} only when there is a {@code fallback}
 * @param codeIfUnlabelled whether a code without a label (and without a fallback) is shown as given (otherwise it is
 *     left out)
 * @param values the facts the label names, by name
 * @param fallback the key of the label worded instead when the code is missing or has no label; {@code null} for none
 */
public record Label(String prefix, String code, boolean codeIfUnlabelled, Map<String, Object> values, String fallback) {

    /** The code of a language's generic wording under a prefix ({@code reject.GENERIC}). */
    public static final String GENERIC = "GENERIC";

    public Label {
        Objects.requireNonNull(prefix, "prefix");
        if (code == null && fallback == null) {
            throw new NullPointerException("code");
        }
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static Label of(String prefix, String code) {
        return new Label(prefix, code, true, Map.of(), null);
    }

    public static Label orEmpty(String prefix, String code) {
        return new Label(prefix, code, false, Map.of(), null);
    }

    /**
     * A code that must never reach the applicant as given: without it (an older record) or without a label for it (a
     * code newer than these texts), the language's generic wording {@code prefix + "GENERIC"} is used.
     */
    public static Label orGeneric(String prefix, String code, Map<String, Object> values) {
        return new Label(prefix, code, false, values, prefix + GENERIC);
    }
}
