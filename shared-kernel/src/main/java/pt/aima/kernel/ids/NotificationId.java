package pt.aima.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** One notification to one recipient on one channel. */
public record NotificationId(UUID value) {

    public NotificationId {
        Objects.requireNonNull(value, "NotificationId");
    }

    public static NotificationId newId() {
        return new NotificationId(UUID.randomUUID());
    }

    @JsonCreator
    public static NotificationId of(String value) {
        return new NotificationId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
