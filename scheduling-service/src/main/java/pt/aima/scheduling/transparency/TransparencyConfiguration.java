package pt.aima.scheduling.transparency;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.scheduling.allocation.ScheduleSnapshot;
import pt.aima.scheduling.allocation.SchedulingProperties;

@Configuration(proxyBeanMethods = false)
class TransparencyConfiguration {

    @Bean
    QueueForecast queueForecast(ScheduleSnapshot snapshot, SchedulingProperties properties, Clock clock) {
        return new QueueForecast(snapshot, properties, clock);
    }
}
