package pt.aima.notification.process.hold;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.notification.casenotifications.DeliveryCommand.ReleaseHeldNotifications;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;

/**
 * Ends the holds that lasted longer than {@code aima.notification.hold.max-wait} (15 minutes by default): the case
 * then writes what it holds with what it knows, rather than leave an applicant untold of an appointment because a
 * topic is far behind. Normally a hold lasts as long as one topic trails another, seconds. The number of held
 * notifications is the gauge {@code aima.notifications.held}; a sweep that releases anything says so in the log.
 */
@Component
public class HoldSweep {

    private static final Logger log = LoggerFactory.getLogger(HoldSweep.class);
    private static final int BATCH = 200;
    private static final Actor SERVICE = Actor.system("notification-service");

    private final HeldNotifications held;
    private final ActingCommandGateway commands;
    private final Duration maxWait;

    public HoldSweep(
            HeldNotifications held,
            ActingCommandGateway commands,
            MeterRegistry meters,
            @Value("${aima.notification.hold.max-wait:PT15M}") Duration maxWait) {
        this.held = held;
        this.commands = commands;
        this.maxWait = maxWait;
        Gauge.builder("aima.notifications.held", held, HeldNotifications::count)
                .description("notifications held until the registration, contact or checklist they depend on arrives")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${aima.notification.hold.sweep-interval:PT30S}",
            initialDelayString = "${aima.notification.hold.sweep-interval:PT30S}")
    void sweep() {
        releaseExpired();
    }

    /**
     * Asks every case whose hold ran out to write what it holds.
     *
     * @return how many cases were asked
     */
    public int releaseExpired() {
        int released = 0;
        for (UUID caseId : held.heldLongerThan(maxWait, BATCH)) {
            String correlation = "notification-hold-" + caseId;
            try {
                commands.send(
                        new ReleaseHeldNotifications(new CaseId(caseId)),
                        new ActingContext(SERVICE, correlation, correlation));
                released++;
            } catch (RuntimeException e) {
                log.warn("case {}: releasing its held notifications failed; retried at the next sweep", caseId, e);
            }
        }
        if (released > 0) {
            log.info("{} case(s) held notifications longer than {}: written with what is known", released, maxWait);
        }
        return released;
    }
}
