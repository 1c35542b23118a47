package pt.aima.kernel.application;

import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * The applicant's personal data was erased in application-service at the end of its legal retention: the key it was
 * encrypted with is destroyed. Every service that keeps a copy of the case's personal data (notification-service: the
 * contact) destroys it and shows it as erased; the case's history and its facts (dates, stages, decision) stay. The
 * operator who erased it is the envelope's actor. Carries no personal data.
 *
 * @param applicantId the applicant's account (a pseudonymous id, the key of every copy)
 * @param legalBasis why the data may no longer be kept, as the operator recorded it
 */
@PublishedEvent(type = "ApplicantDataErased", version = 1)
public record ApplicantDataErased(CaseId caseId, String applicantId, String legalBasis) implements ApplicationEvent {}
