package pt.aima.platform.asof;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import pt.aima.platform.web.InvalidParameter;

/**
 * The {@code asOf} query parameter of every read endpoint that can answer for a past instant ("what did we know on 1
 * May"): an ISO-8601 instant with its offset ({@code 2025-05-01T00:00:00Z}, {@code 2025-05-01T00:00:00+01:00}), not
 * after now. One parser for every service, so every endpoint accepts and refuses the same values.
 */
public final class AsOf {

    /** The query parameter's name. */
    public static final String PARAMETER = "asOf";

    private AsOf() {}

    /**
     * @param raw the parameter as sent; null when the request has none (the endpoint answers for now)
     * @param now the latest instant the service can have recorded anything at
     * @return the instant, or empty when the request has no {@code asOf}
     * @throws InvalidParameter (400 naming {@code asOf}) when it is not an instant with an offset, or is in the future
     */
    public static Optional<Instant> parse(String raw, Instant now) {
        if (raw == null) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(raw.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(
                    PARAMETER, "is not an ISO-8601 instant with an offset, such as 2025-05-01T00:00:00Z");
        }
        if (at.isAfter(now)) {
            throw new InvalidParameter(
                    PARAMETER, "is in the future (now is " + now + "): nothing is known about it yet");
        }
        return Optional.of(at);
    }
}
