package pt.aima.kernel.application;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * The household of a newly registered case as the applicant declared it, with the personal facts the document rules
 * need (dates of birth, nationalities, residence histories, dates of entry, the other parent's residence). Personal
 * data: published only on {@link pt.aima.kernel.Topics#HOUSEHOLD_FACTS}, a restricted topic only document-service may
 * read; every other service learns of the registration from {@link ApplicationRegisteredV2}, which carries none of
 * them.
 *
 * @param addressTitle the title the household lives under at its address; null when not declared
 * @param preferredLanguage ISO 639-1 code the applicant is written to in
 */
@PublishedEvent(type = "HouseholdDeclared", version = 1)
public record HouseholdDeclared(
        CaseId caseId,
        String applicantId,
        LocalDate submittedOn,
        List<HouseholdMember> household,
        AddressTitle addressTitle,
        String preferredLanguage)
        implements IntegrationEvent {

    public HouseholdDeclared {
        household = List.copyOf(household);
    }
}
