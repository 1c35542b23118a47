package pt.aima.document.casedocuments;

import pt.aima.platform.domain.BusinessRuleViolation;

/**
 * The applicant's personal data was erased: a caseworker's note about the case (a rejection, an evidence request) would
 * be personal data of the applicant again, under a key that no longer exists, so none is recorded.
 */
public class NoteNotAllowed extends BusinessRuleViolation {

    NoteNotAllowed() {
        super(
                "PERSONAL_DATA_ERASED",
                "The applicant's personal data was erased; the case takes no new rejection or evidence request.");
    }
}
