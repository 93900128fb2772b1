package io.legnext.core.wait;

import io.legnext.core.error.InvalidRequestException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to wait for a job: the total deadline, an optional fixed poll interval instead of the adaptive policy, whether
 * a callback is expected (polling then slows to a safety net), and who hears of progress.
 *
 * @param timeout the most time to wait in all; the job keeps running remotely after it
 * @param fixedInterval poll at exactly this interval instead of the adaptive policy, when present
 * @param callbackExpected true when the job was submitted with a callback URL that reaches this process
 * @param listener told of every state change and every poll
 */
public record WaitOptions(
        Duration timeout, Optional<Duration> fixedInterval, boolean callbackExpected, JobProgressListener listener) {

    /** Longer than any job takes (upscales run 4-6 minutes, 720p diffusion longer): 20 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);
    /** The shortest fixed interval accepted: polling faster only spends the account's request budget. */
    public static final Duration MIN_FIXED_INTERVAL = Duration.ofMillis(100);

    public WaitOptions {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidRequestException("timeout", "a positive duration", timeout);
        }
        fixedInterval = Objects.requireNonNullElse(fixedInterval, Optional.empty());
        fixedInterval.ifPresent(i -> {
            if (i.compareTo(MIN_FIXED_INTERVAL) < 0) {
                throw new InvalidRequestException(
                        "pollInterval", "at least " + MIN_FIXED_INTERVAL.toMillis() + " ms", i);
            }
        });
        listener = Objects.requireNonNullElse(listener, JobProgressListener.NONE);
    }

    /** The defaults: 20 minutes, adaptive polling, no callback, no listener. */
    public static WaitOptions defaults() {
        return new WaitOptions(DEFAULT_TIMEOUT, Optional.empty(), false, JobProgressListener.NONE);
    }

    /** The same options with another deadline. */
    public WaitOptions withTimeout(Duration value) {
        return new WaitOptions(value, fixedInterval, callbackExpected, listener);
    }

    /** The same options polling at a fixed interval. */
    public WaitOptions withFixedInterval(Duration value) {
        return new WaitOptions(timeout, Optional.of(value), callbackExpected, listener);
    }

    /** The same options, expecting (or not) a callback for the job. */
    public WaitOptions withCallbackExpected(boolean value) {
        return new WaitOptions(timeout, fixedInterval, value, listener);
    }

    /** The same options reporting progress to {@code value}. */
    public WaitOptions withListener(JobProgressListener value) {
        return new WaitOptions(timeout, fixedInterval, callbackExpected, value);
    }
}
