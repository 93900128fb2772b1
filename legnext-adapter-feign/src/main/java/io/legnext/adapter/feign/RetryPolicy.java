package io.legnext.adapter.feign;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long a request is retried: a bounded number of attempts with exponential backoff and full
 * jitter, the service's {@code Retry-After} honoured up to a cap, all within an overall deadline.
 *
 * @param maxAttempts attempts in all, the first included (1 means no retry)
 * @param initialBackoff the backoff ceiling before the first retry; it doubles per retry
 * @param maxBackoff the largest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer hints are clamped to it
 * @param deadline the most time spent on one call, retries and waits included
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, Duration deadline) {

    /**
     * For lookups: 4 attempts, backoff ceilings 0.5, 1, 2 s (up to 8 s), {@code Retry-After} up to 60 s, 90 s in
     * all: rides out a restart or a brief overload without holding a caller for minutes.
     */
    public static final RetryPolicy LOOKUPS = new RetryPolicy(
            4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), Duration.ofSeconds(90));

    /**
     * For submits, which are only ever retried when they certainly did not reach the service (connection refused,
     * or 429): 3 attempts, {@code Retry-After} up to 30 s, 60 s in all.
     */
    public static final RetryPolicy SUBMITS = new RetryPolicy(
            3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** One attempt, no retry. */
    public static final RetryPolicy NONE =
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("'maxAttempts' must be between 1 and 20, was " + maxAttempts);
        }
        requireNotNegative("initialBackoff", initialBackoff);
        requireNotNegative("maxBackoff", maxBackoff);
        requireNotNegative("maxRetryAfter", maxRetryAfter);
        requireNotNegative("deadline", deadline);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "'maxBackoff' must be at least 'initialBackoff' (" + initialBackoff + "), was " + maxBackoff);
        }
    }

    private static void requireNotNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + name + "' must not be negative, was " + d);
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): full jitter, a uniform draw between zero
     * and the exponential ceiling, so that many clients do not retry in step.
     *
     * @param retry which retry, from 1
     * @param random a uniform draw in [0, 1)
     */
    public Duration backoff(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("'retry' must be at least 1, was " + retry);
        }
        long ceiling = initialBackoff.toNanos();
        for (int i = 1; i < retry && ceiling < maxBackoff.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toNanos());
        return Duration.ofNanos((long) (ceiling * Math.max(0, Math.min(random, 1))));
    }

    /** The service's hint, clamped to {@link #maxRetryAfter()}. */
    public Duration clampRetryAfter(Duration hint) {
        if (hint.isNegative()) {
            return Duration.ZERO;
        }
        return hint.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : hint;
    }
}
