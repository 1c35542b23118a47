package pt.aima.scheduling.projection.appointment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A case's biometric appointment as the applicant and staff see it.
 *
 * @param deskId where, once scheduled
 * @param startsAt local time at the desk of the household's first slot, once scheduled
 * @param durationMinutes the whole household's appointment
 * @param status AWAITING_DOCUMENTS, WAITING_FOR_SLOT, SCHEDULED, FLAGGED_TO_CASEWORKER or BIOMETRICS_COLLECTED
 * @param lastChangeReason why the appointment last moved, or null
 * @param courtDeadline the day a court order requires the appointment by, or null
 * @param region where the household lives: its appointment is at a desk of this region (LISBOA, the default, for cases
 *     registered before regions existed)
 */
public record AppointmentView(
        UUID caseId,
        String deskId,
        LocalDateTime startsAt,
        Integer durationMinutes,
        Status status,
        String lastChangeReason,
        LocalDate courtDeadline,
        String region) {

    public enum Status {
        /** Known to scheduling-service, but not schedulable yet (by default: some required document not accepted). */
        AWAITING_DOCUMENTS,
        /** In the queue: the next scheduling pass gives it a slot (see the queue position). */
        WAITING_FOR_SLOT,
        SCHEDULED,
        /** Missed appointments beyond the rule: a caseworker decides. */
        FLAGGED_TO_CASEWORKER,
        BIOMETRICS_COLLECTED
    }
}
