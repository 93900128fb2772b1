package io.legnext.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Event: one HTTP attempt of a call to the service ended, answered or not, and whether the call will be tried again.
 *
 * @param operation what the call does
 * @param attempt which attempt of the call this was, from 1
 * @param at when the attempt ended, on the adapter's clock
 * @param duration how long the attempt took, the reading of the answer included
 * @param status the HTTP status the service answered; absent when no answer came (connection refused, timed out,
 *     cut short)
 * @param failure what went wrong, in words (the message the caller would get, the key masked); absent when the
 *     attempt succeeded
 * @param retryDelay how long until the next attempt, when the call will be tried again; absent when this attempt
 *     succeeded or was the last
 */
public record HttpAttempt(
        ApiOperation operation,
        int attempt,
        Instant at,
        Duration duration,
        OptionalInt status,
        Optional<String> failure,
        Optional<Duration> retryDelay) {

    public HttpAttempt {
        Objects.requireNonNull(operation, "operation");
        if (attempt < 1) {
            throw new IllegalArgumentException("'attempt' must be at least 1, was " + attempt);
        }
        Objects.requireNonNull(at, "at");
        Events.requireNotNegative("duration", duration);
        status = Objects.requireNonNullElse(status, OptionalInt.empty());
        status.ifPresent(s -> {
            if (s < 100 || s > 599) {
                throw new IllegalArgumentException("'status' must be between 100 and 599, was " + s);
            }
        });
        failure = Objects.requireNonNullElse(failure, Optional.empty());
        retryDelay = Objects.requireNonNullElse(retryDelay, Optional.empty());
        retryDelay.ifPresent(d -> Events.requireNotNegative("retryDelay", d));
        if (retryDelay.isPresent() && failure.isEmpty()) {
            throw new IllegalArgumentException(
                    "'retryDelay' must be absent when the attempt succeeded, was " + retryDelay.get());
        }
    }

    /** Whether the attempt succeeded: a 2xx answer that could be read. */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** Whether the call will be tried again. */
    public boolean willRetry() {
        return retryDelay.isPresent();
    }

    /** When the next attempt is due, when there will be one. */
    public Optional<Instant> retryAt() {
        return retryDelay.map(at::plus);
    }
}
