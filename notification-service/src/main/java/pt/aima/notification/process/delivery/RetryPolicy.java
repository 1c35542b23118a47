package pt.aima.notification.process.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a delivery that failed transiently (the channel down or not configured) is tried again: after an exponential
 * backoff, doubled at every failure and capped, until {@code maxAttempts} failed attempts, after which it fails for
 * good ({@code RETRIES_EXHAUSTED}).
 *
 * @param initialBackoff the wait after the first failed attempt
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts failed attempts after which the delivery is given up; 0 retries for ever (nothing is dropped
 *     while a channel is down)
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxAttempts < 0) {
            throw new IllegalArgumentException("backoffs and the number of attempts cannot be negative");
        }
    }

    /** The wait before the next attempt after {@code failedAttempts} failed ones; empty when the delivery gives up. */
    Optional<Duration> nextAttemptAfter(int failedAttempts) {
        if (maxAttempts > 0 && failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(backoffAfter(failedAttempts));
    }

    /** The wait after {@code failedAttempts} failed attempts: exponential, capped. */
    Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
