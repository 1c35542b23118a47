package pt.aima.scheduling.allocation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.envelope.Actor;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;
import pt.aima.scheduling.appointment.SchedulingLedger;
import pt.aima.scheduling.appointment.SchedulingPolicy;
import pt.aima.scheduling.desk.DeskCommand.SeedDesk;
import pt.aima.scheduling.desk.DeskCommand.SetCapacity;
import pt.aima.scheduling.desk.DeskId;

/** The scheduler's wiring: policy and ledgers for the aggregates, the periodic pass, the desk out of the box. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulingProperties.class)
class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    @Bean
    SchedulingPolicy schedulingPolicy(SchedulingProperties properties) {
        return properties.policy();
    }

    @Bean
    SchedulingLedger schedulingLedger(JdbcClient jdbc) {
        return new JdbcSchedulingLedger(jdbc);
    }

    @Bean
    JdbcDeskCalendars deskCalendars(JdbcClient jdbc) {
        return new JdbcDeskCalendars(jdbc);
    }

    @Bean
    ScheduleSnapshot scheduleSnapshot(JdbcClient jdbc, JdbcDeskCalendars desks) {
        return new ScheduleSnapshot(jdbc, desks);
    }

    @Bean
    SchedulingRun schedulingRun(
            TransactionTemplate transaction,
            DataSource dataSource,
            JdbcClient jdbc,
            ScheduleSnapshot snapshot,
            ActingCommandGateway commands,
            Clock clock,
            SchedulingProperties properties,
            @Value("${spring.application.name}") String serviceName) {
        return new SchedulingRun(transaction, dataSource, jdbc, snapshot, commands, clock, properties, serviceName);
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler schedulingPassScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("scheduling-pass-");
        scheduler.initialize();
        return scheduler;
    }

    @Bean
    DeskSeeding deskSeeding(
            ActingCommandGateway commands,
            Clock clock,
            SchedulingProperties properties,
            SchedulingRun run,
            ThreadPoolTaskScheduler schedulingPassScheduler,
            @Value("${spring.application.name}") String serviceName) {
        return new DeskSeeding(commands, clock, properties, run, schedulingPassScheduler, serviceName);
    }

    /** Once the service is up: the configured desk exists, and the scheduler passes start. */
    record DeskSeeding(
            ActingCommandGateway commands,
            Clock clock,
            SchedulingProperties properties,
            SchedulingRun run,
            TaskScheduler scheduler,
            String serviceName) {

        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            seed();
            scheduler.scheduleWithFixedDelay(run::runQuietly, properties.runEvery());
        }

        void seed() {
            DeskId desk = new DeskId(properties.deskId());
            String flow = "desk-seed-" + UUID.randomUUID();
            try {
                commands.send(
                        new SeedDesk(
                                desk,
                                new SetCapacity(
                                        desk,
                                        LocalDate.now(clock),
                                        null,
                                        properties.openingDays(),
                                        properties.slotsPerDay(),
                                        properties.firstSlot(),
                                        properties.slotMinutes(),
                                        "Desk defined by configuration")),
                        new ActingContext(Actor.system(serviceName), flow, flow));
            } catch (RuntimeException e) {
                // Another instance defined it at the same moment: the desk exists, which is all that is wanted.
                log.info("Desk {} not seeded here: {}", desk, e.getMessage());
            }
        }
    }
}
