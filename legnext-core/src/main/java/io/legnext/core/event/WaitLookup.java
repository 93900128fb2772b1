package io.legnext.core.event;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Event: a wait looked its job up, successfully or not, and planned its next lookup.
 *
 * @param id the job looked up
 * @param number which lookup of this wait it was, from 1
 * @param at when the lookup ended, on the scheduler's clock
 * @param duration how long the lookup took, the adapter's own retries included
 * @param job the job as the lookup saw it; absent when it failed
 * @param failure what went wrong, in words; absent when it succeeded
 * @param consecutiveFailures failed lookups in a row, this one included: 0 after a success
 * @param nextLookupAt when the wait looks next; absent when this lookup ended the wait (a terminal job, a failure
 *     that is not retried, the deadline)
 */
public record WaitLookup(
        JobId id,
        int number,
        Instant at,
        Duration duration,
        Optional<Job> job,
        Optional<String> failure,
        int consecutiveFailures,
        Optional<Instant> nextLookupAt) {

    public WaitLookup {
        Objects.requireNonNull(id, "id");
        if (number < 1) {
            throw new IllegalArgumentException("'number' must be at least 1, was " + number);
        }
        Objects.requireNonNull(at, "at");
        Events.requireNotNegative("duration", duration);
        job = Objects.requireNonNullElse(job, Optional.empty());
        failure = Objects.requireNonNullElse(failure, Optional.empty());
        nextLookupAt = Objects.requireNonNullElse(nextLookupAt, Optional.empty());
        if (job.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("exactly one of 'job' and 'failure' must be present, were "
                    + (job.isPresent() ? "both" : "neither"));
        }
        job.ifPresent(j -> {
            if (!j.id().equals(id)) {
                throw new IllegalArgumentException("'job' must be job " + id + ", was job " + j.id());
            }
        });
        int least = failure.isPresent() ? 1 : 0;
        int most = failure.isPresent() ? number : 0;
        if (consecutiveFailures < least || consecutiveFailures > most) {
            throw new IllegalArgumentException("'consecutiveFailures' must be between " + least + " and " + most
                    + " for a " + (failure.isPresent() ? "failed" : "successful") + " lookup number " + number
                    + ", was " + consecutiveFailures);
        }
    }

    /** Whether the lookup answered the job's state. */
    public boolean succeeded() {
        return job.isPresent();
    }
}
