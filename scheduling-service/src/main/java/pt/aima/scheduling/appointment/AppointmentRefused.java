package pt.aima.scheduling.appointment;

import java.time.LocalDateTime;
import pt.aima.platform.domain.BusinessRuleViolation;

/** A change to the appointment that the rules do not allow now (HTTP 409 with the rule's code). */
public class AppointmentRefused extends BusinessRuleViolation {

    private AppointmentRefused(String code, String reason) {
        super(code, reason);
    }

    static AppointmentRefused noAppointment() {
        return new AppointmentRefused("NO_APPOINTMENT", "The case has no biometric appointment to change.");
    }

    static AppointmentRefused rescheduleLimit(int allowed) {
        return new AppointmentRefused(
                "RESCHEDULE_LIMIT_REACHED",
                "An applicant may ask for another date " + allowed + " time(s); this case has used them.");
    }

    static AppointmentRefused notStartedYet(LocalDateTime startsAt) {
        return new AppointmentRefused(
                "APPOINTMENT_NOT_STARTED",
                "A no-show is recorded only once the appointment has started; it starts at " + startsAt + ".");
    }

    static AppointmentRefused alreadyCollected() {
        return new AppointmentRefused(
                "BIOMETRICS_ALREADY_COLLECTED", "The biometrics of this case have already been collected.");
    }
}
