package pt.aima.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** One uploaded document version. */
public record DocumentId(UUID value) {

    public DocumentId {
        Objects.requireNonNull(value, "DocumentId");
    }

    public static DocumentId newId() {
        return new DocumentId(UUID.randomUUID());
    }

    @JsonCreator
    public static DocumentId of(String value) {
        return new DocumentId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
