package pt.aima.notification.casenotifications;

import java.util.Objects;

/** A notification's words as the applicant reads them. */
public record RenderedText(String subject, String body) {

    public RenderedText {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
