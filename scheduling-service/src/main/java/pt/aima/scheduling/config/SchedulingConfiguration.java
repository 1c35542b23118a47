package pt.aima.scheduling.config;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
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
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.projection.InCommandTransaction;
import pt.aima.scheduling.appointment.SchedulingPolicy;
import pt.aima.scheduling.desk.DeskCommand.SeedDesk;
import pt.aima.scheduling.desk.DeskCommand.SetCapacity;
import pt.aima.scheduling.desk.DeskId;
import pt.aima.scheduling.process.schedulingpass.SchedulingRun;
import pt.aima.scheduling.projection.deskcalendar.DeskCalendarProjection;
import pt.aima.scheduling.projection.deskcalendar.DeskCalendarQueries;
import pt.aima.scheduling.projection.queue.QueueProjection;
import pt.aima.scheduling.projection.queue.ScheduleSnapshot;
import pt.aima.scheduling.projection.queue.SchedulerTablesRebuild;

/**
 * The scheduler's wiring: the policy for the appointments, the processors of the tables the scheduler plans with, the
 * periodic pass, the desk out of the box.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulingProperties.class)
class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    @Bean
    SchedulingPolicy schedulingPolicy(SchedulingProperties properties) {
        return properties.policy();
    }

    /**
     * The tables the scheduler plans with (the desks' calendars, the queue and the desks' slots) are filled by
     * <b>subscribing</b> processors: their handlers run in the thread and transaction of the command that stores the
     * event, and a failure propagates and fails the command. So a pass sees every change at once, and the primary key
     * of {@code desk_slot} refuses a double booking by rolling back the booking's events with it. They have no token:
     * {@link SchedulerTablesRebuild} rebuilds them from the event store ({@code aima.scheduling.rebuild-on-start}).
     */
    @Bean
    ConfigurerModule schedulerTablesProcessing() {
        return InCommandTransaction.groups(DeskCalendarProjection.PROCESSING_GROUP, QueueProjection.PROCESSING_GROUP);
    }

    @Bean
    ScheduleSnapshot scheduleSnapshot(JdbcClient jdbc, DeskCalendarQueries desks, SchedulingProperties properties) {
        return new ScheduleSnapshot(jdbc, desks, properties.fallbacks());
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
            @Value("${spring.application.name}") String serviceName,
            CaseTracing tracing) {
        return new SchedulingRun(
                transaction,
                dataSource,
                jdbc,
                snapshot,
                commands,
                clock,
                new SchedulingRun.Settings(
                        properties.firstBookableAfterDays(), properties.horizonDays(), properties.recordChunk()),
                serviceName,
                tracing);
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
            SchedulerTablesRebuild rebuild,
            @Value("${spring.application.name}") String serviceName) {
        return new DeskSeeding(commands, clock, properties, run, schedulingPassScheduler, rebuild, serviceName);
    }

    /**
     * Once the service is up: the scheduler's tables are rebuilt when configured to, the configured desk exists, and the
     * scheduler passes start.
     */
    record DeskSeeding(
            ActingCommandGateway commands,
            Clock clock,
            SchedulingProperties properties,
            SchedulingRun run,
            TaskScheduler scheduler,
            SchedulerTablesRebuild rebuild,
            String serviceName) {

        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            if (properties.rebuildOnStart()) {
                log.info("Rebuilding the desks' calendars, the queue and the slots from the event store");
                log.info("Rebuilt from {} events", rebuild.rebuild());
            }
            seed();
            scheduler.scheduleWithFixedDelay(run::runQuietly, properties.runEvery());
        }

        void seed() {
            if (properties.deskId() == null || properties.deskId().isBlank()) {
                // A reproduction of the recovery operation defines its desks itself, once the import is queued.
                log.info("No desk defined by configuration (aima.scheduling.desk-id is empty)");
                return;
            }
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
                                        "Desk defined by configuration",
                                        properties.deskRegion())),
                        new ActingContext(Actor.system(serviceName), flow, flow));
            } catch (RuntimeException e) {
                // Another instance defined it at the same moment: the desk exists, which is all that is wanted.
                log.info("Desk {} not seeded here: {}", desk, e.getMessage());
            }
        }
    }
}
