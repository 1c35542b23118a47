package pt.aima.notification.casenotifications;

import java.util.Objects;

/**
 * A stable code to be worded in the applicant's language by the label {@code prefix + code} (in {@code
 * notifications/<language>/labels.properties}).
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
