package pt.aima.kernel.application;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * A family-reunification application was registered; the legal clock starts on {@code submittedOn}.
 *
 * @param applicantId the pseudonymous subject of the applicant's account: the only key to their own case
 * @param submittedOn the submission date, which orders the case in every queue
 * @param preferredLanguage ISO 639-1 code of the language the applicant is written to in
 */
@PublishedEvent(type = "ApplicationRegistered", version = 1)
public record ApplicationRegistered(
        CaseId caseId,
        String applicantId,
        LocalDate submittedOn,
        List<HouseholdMember> household,
        String preferredLanguage)
        implements ApplicationEvent {

    public ApplicationRegistered {
        household = List.copyOf(household);
    }
}
