package pt.aima.kernel.application;

import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * How to reach the applicant of a case. Personal data: published only on {@link
 * pt.aima.kernel.Topics#APPLICANT_CONTACTS}, a topic of its own that only the service writing to applicants
 * (notification-service) may read, so the case events everyone reads stay free of it.
 *
 * @param phone in E.164 form, or null when the applicant gave none
 * @param preferredLanguage ISO 639-1 code: {@code pt} or {@code en}
 */
@PublishedEvent(type = "ApplicantContactRegistered", version = 1)
public record ApplicantContactRegistered(
        CaseId caseId, String applicantId, String email, String phone, String preferredLanguage)
        implements IntegrationEvent {}
