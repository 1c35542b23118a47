package pt.aima.platform.integrity;

/** Sends a checkpoint to its topic and returns once the broker acknowledged it (or throws). */
@FunctionalInterface
public interface CheckpointPublisher {

    void publish(Checkpoint checkpoint) throws Exception;
}
