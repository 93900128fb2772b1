package io.legnext.core.wait;

import io.legnext.core.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One moment of a wait, for progress bars and logs: the job as last seen, time waited, when the next look is due
 * and how long the job is expected still to take.
 *
 * @param job the job as last seen
 * @param elapsed time since the wait began
 * @param nextPollAt when the next lookup is scheduled, absent once the job is terminal
 * @param expectedRemaining the typical time the job still needs, absent when unknown or terminal
 * @param changed true when the status differs from the previous observation (always true for the first)
 */
public record JobProgress(
        Job job,
        Duration elapsed,
        Optional<Instant> nextPollAt,
        Optional<Duration> expectedRemaining,
        boolean changed) {

    public JobProgress {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(elapsed, "elapsed");
        nextPollAt = Objects.requireNonNullElse(nextPollAt, Optional.empty());
        expectedRemaining = Objects.requireNonNullElse(expectedRemaining, Optional.empty());
    }
}
