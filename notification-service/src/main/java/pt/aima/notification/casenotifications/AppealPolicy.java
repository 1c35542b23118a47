package pt.aima.notification.casenotifications;

/**
 * What a refusal tells the applicant about challenging it: the time limits, as configured (policy, not code).
 *
 * @param administrativeAppealDays working days for a complaint or an administrative appeal to AIMA
 * @param courtActionMonths months for an action before the administrative court
 */
public record AppealPolicy(int administrativeAppealDays, int courtActionMonths) {

    public AppealPolicy {
        if (administrativeAppealDays <= 0 || courtActionMonths <= 0) {
            throw new IllegalArgumentException("appeal time limits must be positive");
        }
    }
}
