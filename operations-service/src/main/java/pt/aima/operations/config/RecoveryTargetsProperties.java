package pt.aima.operations.config;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The recovery operation's targets, {@code aima.operations.targets.*}.
 *
 * @param decisionsPerWorkingDay decisions a working day should bring (1,000 in the mega-operation)
 * @param backlogZeroBy the day by which no case should be open; none when not set
 */
@ConfigurationProperties("aima.operations.targets")
record RecoveryTargetsProperties(@DefaultValue("1000") int decisionsPerWorkingDay, LocalDate backlogZeroBy) {}
