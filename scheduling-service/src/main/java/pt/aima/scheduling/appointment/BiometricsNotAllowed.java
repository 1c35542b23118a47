package pt.aima.scheduling.appointment;

import pt.aima.platform.domain.BusinessRuleViolation;

/** Biometrics are collected at the appointment, so only once the case has one, and only once per case. */
public class BiometricsNotAllowed extends BusinessRuleViolation {

    private BiometricsNotAllowed(String code, String reason) {
        super(code, reason);
    }

    static BiometricsNotAllowed noAppointment() {
        return new BiometricsNotAllowed(
                "NO_APPOINTMENT",
                "The case has no biometric appointment yet: it is scheduled once every required document is accepted.");
    }

    static BiometricsNotAllowed alreadyCollected() {
        return new BiometricsNotAllowed(
                "BIOMETRICS_ALREADY_COLLECTED", "The biometrics of this case have already been collected.");
    }
}
