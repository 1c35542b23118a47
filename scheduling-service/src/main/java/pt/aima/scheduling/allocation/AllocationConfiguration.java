package pt.aima.scheduling.allocation;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.scheduling.appointment.SlotAllocator;

/** The slot allocator the appointment aggregate is given; the real scheduler replaces this one bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeskProperties.class)
class AllocationConfiguration {

    @Bean
    SlotAllocator slotAllocator(JdbcClient jdbc, Clock clock, DeskProperties desk) {
        return new DeskSlotAllocator(jdbc, clock, desk);
    }
}
