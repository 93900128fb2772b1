package io.legnext.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Rejected with HTTP 429: too many requests or too many concurrent jobs; carries the service's retry hint when given.
 */
public final class RateLimitedException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param attempted what was attempted
     * @param error what the service answered
     * @param retryAfter the service's {@code Retry-After} hint, or null when it gave none
     */
    public RateLimitedException(String attempted, ServiceError error, Duration retryAfter) {
        super(
                attempted,
                error,
                retryAfter == null
                        ? "The account runs about 6 jobs at once; wait for one to finish, then retry."
                        : "Retry after "
                                + Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds()) + " s.");
        this.retryAfter = retryAfter;
    }

    /** How long the service asked the caller to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
