package pt.aima.operations.config;

import java.util.HashSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.kernel.application.DecisionDeadlinePolicy;
import pt.aima.operations.deadline.LegalClock;
import pt.aima.operations.recovery.RecoveryForecast;
import pt.aima.operations.recovery.RecoveryTargets;
import pt.aima.operations.recovery.WorkingCalendar;

/** The legal deadlines, the working calendar and the recovery operation's targets, from configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    DecisionDeadlineProperties.class,
    RecoveryTargetsProperties.class,
    WorkingCalendarProperties.class
})
class OperationsTimeConfiguration {

    /** The legal decision deadlines (policy); refuses to start without a rule, or with two on the same day. */
    @Bean
    LegalClock legalClock(DecisionDeadlineProperties properties) {
        return new LegalClock(new DecisionDeadlinePolicy(properties.policies()));
    }

    @Bean
    WorkingCalendar workingCalendar(WorkingCalendarProperties properties) {
        return new WorkingCalendar(new HashSet<>(properties.publicHolidays()));
    }

    @Bean
    RecoveryForecast recoveryForecast(RecoveryTargetsProperties targets, WorkingCalendar calendar) {
        return new RecoveryForecast(
                new RecoveryTargets(targets.decisionsPerWorkingDay(), targets.backlogZeroBy()), calendar);
    }
}
