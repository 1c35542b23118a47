package pt.aima.application.casefile;

import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.domain.BusinessRuleViolation;

/** The applicant's personal data in this case was erased already: there is nothing left to erase. */
public class PersonalDataAlreadyErased extends BusinessRuleViolation {

    public PersonalDataAlreadyErased(CaseId caseId) {
        super(
                "PERSONAL_DATA_ALREADY_ERASED",
                "The applicant's personal data in case " + caseId + " was already erased.");
    }
}
