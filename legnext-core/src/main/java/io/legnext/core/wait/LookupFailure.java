package io.legnext.core.wait;

import io.legnext.core.job.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lookup of a wait that failed, for progress displays: what went wrong and whether (and when) the wait looks again.
 *
 * @param id the job looked up
 * @param failure what went wrong, in words
 * @param elapsed time since the wait began
 * @param consecutiveFailures failed lookups in a row, this one included
 * @param nextPollAt when the wait looks again; absent when this failure ended the wait
 */
public record LookupFailure(
        JobId id, String failure, Duration elapsed, int consecutiveFailures, Optional<Instant> nextPollAt) {

    public LookupFailure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(elapsed, "elapsed");
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("'consecutiveFailures' must be at least 1, was " + consecutiveFailures);
        }
        nextPollAt = Objects.requireNonNullElse(nextPollAt, Optional.empty());
    }
}
