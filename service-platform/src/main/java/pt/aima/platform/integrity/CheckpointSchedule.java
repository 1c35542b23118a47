package pt.aima.platform.integrity;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link Checkpointer} every {@code checkpoint-interval} while the service runs. */
public class CheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final Checkpointer checkpointer;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public CheckpointSchedule(Checkpointer checkpointer, Duration interval) {
        this.checkpointer = checkpointer;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        log.info(
                "{} signs a checkpoint of its event store every {} with Ed25519 key {} (public key {}), published on {}",
                checkpointer.service(),
                interval,
                checkpointer.publicKey().keyId(),
                checkpointer.publicKey().base64(),
                Checkpoint.topic(checkpointer.service()));
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "integrity-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        checkpointer.run();
                    } catch (RuntimeException e) {
                        log.error("no checkpoint this round: {}", e.getMessage());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
