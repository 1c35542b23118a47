package pt.aima.application.casefile;

import pt.aima.platform.domain.BusinessRuleViolation;

/**
 * A decision may be issued only once, and only when the checklist is complete and the household's biometrics are
 * collected.
 */
public class DecisionNotAllowed extends BusinessRuleViolation {

    private DecisionNotAllowed(String code, String reason) {
        super(code, reason);
    }

    static DecisionNotAllowed alreadyDecided() {
        return new DecisionNotAllowed("ALREADY_DECIDED", "The case has already been decided.");
    }

    /** The staff's reasoning would be personal data of an applicant whose data was erased: nothing is recorded. */
    static DecisionNotAllowed personalDataErased() {
        return new DecisionNotAllowed(
                "PERSONAL_DATA_ERASED", "The applicant's personal data in this case was erased; it takes no decision.");
    }

    static DecisionNotAllowed prerequisitesMissing(boolean checklistComplete, boolean biometricsCollected) {
        StringBuilder reason = new StringBuilder("A decision needs ");
        if (!checklistComplete) {
            reason.append("every required document accepted");
        }
        if (!checklistComplete && !biometricsCollected) {
            reason.append(" and ");
        }
        if (!biometricsCollected) {
            reason.append("the biometrics collected");
        }
        return new DecisionNotAllowed(
                "DECISION_PREREQUISITES_MISSING", reason.append(" first.").toString());
    }
}
