package pt.aima.scheduling.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.scheduling.projection.queue.QueueForecast;
import pt.aima.scheduling.projection.queue.ScheduleSnapshot;

/** The queue's forecast for applicants and operations: the scheduling pass's plan, computed without booking. */
@Configuration(proxyBeanMethods = false)
class TransparencyConfiguration {

    @Bean
    QueueForecast queueForecast(ScheduleSnapshot snapshot, SchedulingProperties properties, Clock clock) {
        return new QueueForecast(snapshot, properties.firstBookableAfterDays(), properties.horizonDays(), clock);
    }
}
