package io.legnext.app.cli;

import io.legnext.core.wait.JobProgressListener;
import io.legnext.core.wait.WaitOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of every command that waits: the deadline and a fixed poll interval. */
final class WaitOptionsMixin {

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Stop waiting after this long (default 20m); the job keeps running. E.g. 90s, 10m, PT10M.")
    Duration timeout;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            description = "Poll at this fixed interval (at least 100ms) instead of the adaptive policy. E.g. 15s.")
    Duration pollInterval;

    /** The wait options these flags ask for, reporting to {@code listener}. */
    WaitOptions options(JobProgressListener listener) {
        WaitOptions o = WaitOptions.defaults().withListener(listener);
        if (timeout != null) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new CliUsageException("'--timeout' must be a positive duration, was " + timeout);
            }
            o = o.withTimeout(timeout);
        }
        if (pollInterval != null) {
            if (pollInterval.compareTo(WaitOptions.MIN_FIXED_INTERVAL) < 0) {
                throw new CliUsageException("'--poll-interval' must be at least "
                        + WaitOptions.MIN_FIXED_INTERVAL.toMillis() + "ms, was " + pollInterval.toMillis() + "ms");
            }
            o = o.withFixedInterval(pollInterval);
        }
        return o;
    }
}
