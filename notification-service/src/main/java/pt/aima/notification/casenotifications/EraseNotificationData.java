package pt.aima.notification.casenotifications;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.ids.CaseId;

/**
 * Erase what this service keeps of the case applicant's personal data, because application-service erased it at the
 * end of its legal retention ({@code ApplicantDataErased}).
 */
public record EraseNotificationData(@TargetAggregateIdentifier CaseId caseId, String applicantId, String legalBasis) {}
