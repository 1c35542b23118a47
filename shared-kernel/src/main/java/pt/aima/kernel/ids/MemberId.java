package pt.aima.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** One family member named in an application; followed separately, kept in the household. */
public record MemberId(UUID value) {

    public MemberId {
        Objects.requireNonNull(value, "MemberId");
    }

    public static MemberId newId() {
        return new MemberId(UUID.randomUUID());
    }

    @JsonCreator
    public static MemberId of(String value) {
        return new MemberId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
