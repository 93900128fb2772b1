package io.legnext.adapter.feign;

import io.legnext.core.error.LegnextException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.event.ApiOperation;
import io.legnext.core.event.HttpAttempt;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.port.out.Sleeper;
import io.legnext.core.secret.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call with the retry rules: lookups retry on 408, 429, 5xx and I/O errors; submits retry only when they
 * certainly did not reach the service (connection refused, or 429), so a paid job is never created twice.
 *
 * <p>Every attempt is told to the {@link LegnextListener} as an {@link HttpAttempt}; each retry, and a call that
 * still fails after retries, is logged at WARN on {@link #LOGGER_NAME}, through the {@link Redactor}.
 */
final class RetryingExecutor {

    /** The SLF4J logger retries are logged on. */
    static final String LOGGER_NAME = "io.legnext.adapter.feign.retries";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final ErrorTranslator translator;
    private final RetryPolicy lookups;
    private final RetryPolicy submits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final LongSupplier nanoTime;
    private final LegnextListener listener;
    private final Redactor redactor;

    /**
     * @param clock deadlines and {@code Retry-After} dates are measured on it, and events are stamped with it
     * @param nanoTime measures each attempt's duration: {@link System#nanoTime()} outside tests
     * @param listener hears of every attempt
     * @param redactor masks the key in every line logged
     */
    RetryingExecutor(
            ErrorTranslator translator,
            RetryPolicy lookups,
            RetryPolicy submits,
            Clock clock,
            Sleeper sleeper,
            DoubleSupplier random,
            LongSupplier nanoTime,
            LegnextListener listener,
            Redactor redactor) {
        this.translator = Objects.requireNonNull(translator);
        this.lookups = Objects.requireNonNull(lookups);
        this.submits = Objects.requireNonNull(submits);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.random = Objects.requireNonNull(random);
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.listener = LegnextListener.combine(Objects.requireNonNull(listener));
        this.redactor = Objects.requireNonNull(redactor);
    }

    /** The same rules, listener and clocks, with lookups retried by {@code policy}. */
    RetryingExecutor withLookups(RetryPolicy policy) {
        return new RetryingExecutor(translator, policy, submits, clock, sleeper, random, nanoTime, listener, redactor);
    }

    /**
     * Runs a call: a lookup (GET) is safe to repeat; a submit (POST) may cost money, so it is repeated only when it
     * certainly was not received.
     *
     * @param operation what the call does, for the retry rules
     * @param reported what the call does, as events name it
     * @param attempted what was attempted, in words, for messages
     * @param call the request and the reading of its answer
     */
    <T> T run(Operation operation, ApiOperation reported, String attempted, Supplier<T> call) {
        boolean submit = operation.isSubmit();
        RetryPolicy policy = submit ? submits : lookups;
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.deadline());
        for (int attempt = 1; ; attempt++) {
            LegnextException failure;
            Optional<Duration> hint;
            long began = nanoTime.getAsLong();
            AnsweredStatus.clear();
            try {
                T result = call.get();
                listener.onHttpAttempt(new HttpAttempt(
                        reported,
                        attempt,
                        clock.instant(),
                        since(began),
                        AnsweredStatus.take(),
                        Optional.empty(),
                        Optional.empty()));
                return result;
            } catch (RuntimeException e) {
                failure = translator.translate(e, attempted, operation);
                hint = retryAfter(e);
            }
            Duration took = since(began);
            OptionalInt answered = AnsweredStatus.take();
            OptionalInt status = answered.isPresent() ? answered : validStatus(failure.httpStatus());
            Optional<Duration> wait = nextWait(policy, attempt, failure, submit, hint, deadline);
            String words = Objects.requireNonNullElse(failure.getMessage(), attempted + " failed");
            Instant now = clock.instant();
            listener.onHttpAttempt(new HttpAttempt(reported, attempt, now, took, status, Optional.of(words), wait));
            if (wait.isEmpty()) {
                if (attempt > 1) {
                    warn("legnext " + reported.tag() + " failed after " + attempt + " attempts; giving up: " + words);
                }
                throw failure;
            }
            warn("legnext " + reported.tag() + " attempt " + attempt + " of " + policy.maxAttempts() + " failed;"
                    + " retrying in " + shown(wait.get()) + " (at " + now.plus(wait.get()) + "): " + words);
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    /** How long to wait before the next attempt; empty when there is to be none. */
    private Optional<Duration> nextWait(
            RetryPolicy policy,
            int attempt,
            LegnextException failure,
            boolean submit,
            Optional<Duration> hint,
            Instant deadline) {
        if (attempt >= policy.maxAttempts() || !retryable(failure, submit)) {
            return Optional.empty();
        }
        Duration wait =
                hint.isPresent() ? policy.clampRetryAfter(hint.get()) : policy.backoff(attempt, random.getAsDouble());
        return clock.instant().plus(wait).isAfter(deadline) ? Optional.empty() : Optional.of(wait);
    }

    private Duration since(long began) {
        return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - began));
    }

    private static OptionalInt validStatus(OptionalInt status) {
        return status.isPresent() && status.getAsInt() >= 100 && status.getAsInt() <= 599
                ? status
                : OptionalInt.empty();
    }

    private void warn(String line) {
        if (LOG.isWarnEnabled()) {
            LOG.warn("{}", redactor.redact(line));
        }
    }

    /** A wait as people read it: {@code 250 ms}, {@code 2.5 s}. */
    static String shown(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
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
