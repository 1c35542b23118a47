package pt.aima.operations.recovery;

import java.time.LocalDate;

/**
 * The recovery operation's targets (configuration).
 *
 * @param decisionsPerWorkingDay the decisions a working day should bring (about 1,000 in the mega-operation)
 * @param backlogZeroBy the day by which no case should be open, or null when no date is set
 */
public record RecoveryTargets(int decisionsPerWorkingDay, LocalDate backlogZeroBy) {

    public RecoveryTargets {
        if (decisionsPerWorkingDay < 1) {
            throw new IllegalArgumentException(
                    "the target decisions per working day must be positive, not " + decisionsPerWorkingDay);
        }
    }
}
