package pt.aima.operations.timing;

import java.time.Duration;
import java.time.Instant;

/**
 * What a processing time measures: the whole way from registration to decision, or one stage of it. A stage a case
 * did not pass (decided without a complete checklist, say) is not counted for that case. Times between events of
 * different services can come out negative when a later step was stamped earlier (collected biometrics before the
 * checklist completed): such a stage counts as zero.
 */
public enum ProcessingStage {
    /** From the registration to the decision. */
    REGISTRATION_TO_DECISION("registrationToDecision"),
    /** From the registration to the completion of the document checklist. */
    REGISTRATION_TO_CHECKLIST_COMPLETE("registrationToChecklistComplete"),
    /** From the completion of the checklist to the collection of biometrics. */
    CHECKLIST_COMPLETE_TO_BIOMETRICS("checklistCompleteToBiometrics"),
    /**
     * From the collection of biometrics (or the completion of the checklist, if that came later: the moment the case
     * was ready for a decision) to the decision.
     */
    BIOMETRICS_TO_DECISION("biometricsToDecision");

    private final String key;

    ProcessingStage(String key) {
        this.key = key;
    }

    /** How the API names the stage. */
    public String key() {
        return key;
    }

    /** How long the case took over this stage, or null if it did not pass it. */
    public Duration of(Milestones m) {
        return switch (this) {
            case REGISTRATION_TO_DECISION -> between(m.registeredAt(), m.decidedAt());
            case REGISTRATION_TO_CHECKLIST_COMPLETE -> between(m.registeredAt(), m.checklistCompletedAt());
            case CHECKLIST_COMPLETE_TO_BIOMETRICS -> between(m.checklistCompletedAt(), m.biometricsCollectedAt());
            case BIOMETRICS_TO_DECISION -> {
                if (m.biometricsCollectedAt() == null) {
                    yield null;
                }
                Instant ready = m.checklistCompletedAt() != null
                                && m.checklistCompletedAt().isAfter(m.biometricsCollectedAt())
                        ? m.checklistCompletedAt()
                        : m.biometricsCollectedAt();
                yield between(ready, m.decidedAt());
            }
        };
    }

    private static Duration between(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
