package pt.aima.notification.process.delivery;

import java.util.UUID;

/**
 * One notification ready to go out, with the address of its channel as known at send time.
 *
 * @param address the e-mail address or E.164 phone number; null when the applicant gave none
 */
public record OutboundMessage(UUID notificationId, UUID caseId, String address, String subject, String body) {}
