package pt.aima.platform.deadletter;

import java.util.Locale;
import java.util.Optional;

/** Where a dead letter waits. */
public enum DeadLetterSource {
    /** An Axon processing group's dead-letter queue (table {@code dead_letter_entry}); entries by dead-letter id. */
    GROUP,
    /** A Kafka dead-letter topic of this service; entries by {@code <topic>:<partition>:<offset>}. */
    TOPIC;

    /** The name used in paths, metrics and events: {@code group} or {@code topic}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeadLetterSource> of(String key) {
        for (DeadLetterSource source : values()) {
            if (source.key().equals(key)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
