package pt.aima.scheduling.status;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A case's biometric appointment as the applicant and staff see it.
 *
 * @param deskId where, once scheduled
 * @param startsAt local time at the desk, once scheduled
 * @param status AWAITING_DOCUMENTS, SCHEDULED or BIOMETRICS_COLLECTED
 */
public record AppointmentView(
        UUID caseId, String deskId, LocalDateTime startsAt, Integer durationMinutes, Status status) {

    public enum Status {
        /** Known to scheduling-service, but some required document is not accepted yet. */
        AWAITING_DOCUMENTS,
        SCHEDULED,
        BIOMETRICS_COLLECTED
    }
}
