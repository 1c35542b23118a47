package pt.aima.notification.casenotifications;

/**
 * Writes a notification in a language. A notification is written once, when it is created, and kept as written: a
 * later change of wording never changes what an applicant was told.
 */
@FunctionalInterface
public interface NotificationTexts {

    RenderedText render(NotificationMessage message, Language language);
}
