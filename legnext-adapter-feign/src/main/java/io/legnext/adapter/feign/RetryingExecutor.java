package io.legnext.adapter.feign;

import io.legnext.core.domain.LegnextException;
import io.legnext.core.domain.RateLimitedException;
import io.legnext.core.domain.ServiceUnavailableException;
import io.legnext.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs a call with the retry rules: lookups retry on 408, 429, 5xx and I/O errors; submits retry only when they
 * certainly did not reach the service (connection refused, or 429), so a paid job is never created twice.
 */
final class RetryingExecutor {

    private final ErrorTranslator translator;
    private final RetryPolicy lookups;
    private final RetryPolicy submits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    RetryingExecutor(ErrorTranslator translator, RetryPolicy lookups, RetryPolicy submits, Clock clock,
            Sleeper sleeper, DoubleSupplier random) {
        this.translator = Objects.requireNonNull(translator);
        this.lookups = Objects.requireNonNull(lookups);
        this.submits = Objects.requireNonNull(submits);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Runs a call: a lookup (GET) is safe to repeat; a submit (POST) may cost money, so it is repeated only when it
     * certainly was not received.
     *
     * @param operation what the call does
     * @param attempted what was attempted, in words, for messages
     * @param call the request and the reading of its answer
     */
    <T> T run(Operation operation, String attempted, Supplier<T> call) {
        boolean submit = operation.isSubmit();
        RetryPolicy policy = submit ? submits : lookups;
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.deadline());
        for (int attempt = 1; ; attempt++) {
            LegnextException failure;
            Optional<Duration> hint;
            try {
                return call.get();
            } catch (RuntimeException e) {
                failure = translator.translate(e, attempted, operation);
                hint = retryAfter(e);
            }
            if (attempt >= policy.maxAttempts() || !retryable(failure, submit)) {
                throw failure;
            }
            Duration wait = hint.isPresent() ? policy.clampRetryAfter(hint.get())
                    : policy.backoff(attempt, random.getAsDouble());
            if (clock.instant().plus(wait).isAfter(deadline)) {
                throw failure;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private static boolean retryable(LegnextException failure, boolean submit) {
        if (failure instanceof RateLimitedException) {
            // A 429 was refused before any job was created: safe for submits too.
            return true;
        }
        if (failure instanceof ServiceUnavailableException unavailable) {
            return !submit || !unavailable.submitMayHaveReachedService();
        }
        return false;
    }

    /** The {@code Retry-After} of a 429 or 503 answer, if it had one. */
    private Optional<Duration> retryAfter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpFailure http) {
                return http.retryAfter().flatMap(h -> RetryAfter.parse(h, clock.instant()));
            }
        }
        return Optional.empty();
    }
}
