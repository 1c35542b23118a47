package pt.aima.platform.integrity;

import java.util.List;

/**
 * The copies of a service's checkpoints that live outside its database: the records of its checkpoint topic, read
 * from the beginning to the end. {@link #unavailable} when they could not be read; {@link #notRead()} when the caller
 * did not look.
 */
public record PublishedCheckpoints(String state, List<Entry> entries) {

    /** One record: its offset, and the checkpoint it holds or why it could not be read. */
    public record Entry(int partition, long offset, Checkpoint checkpoint, String unreadable) {}

    public static PublishedCheckpoints of(List<Entry> entries) {
        return new PublishedCheckpoints("CHECKED", List.copyOf(entries));
    }

    public static PublishedCheckpoints unavailable(String reason) {
        return new PublishedCheckpoints("UNAVAILABLE: " + reason, List.of());
    }

    public static PublishedCheckpoints notRead() {
        return new PublishedCheckpoints("NOT_READ", List.of());
    }

    public boolean checked() {
        return "CHECKED".equals(state);
    }
}
