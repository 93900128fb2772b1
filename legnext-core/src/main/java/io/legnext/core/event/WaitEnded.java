package io.legnext.core.event;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Event: a wait ended, whatever ended it; follows its {@link WaitStarted} exactly once.
 *
 * @param id the job waited for
 * @param outcome how the wait ended
 * @param last the job as last seen; absent when the wait never saw it
 * @param at when the wait ended, on the scheduler's clock
 * @param waited how long the wait lasted
 * @param failure what ended it, in words (the message of the exception the future failed with); absent when the job
 *     completed or the wait was cancelled
 */
public record WaitEnded(
        JobId id, Outcome outcome, Optional<Job> last, Instant at, Duration waited, Optional<String> failure) {

    /** How a wait ended. */
    public enum Outcome {
        /** The job completed: its videos are ready. */
        COMPLETED,
        /** The job failed at the service. */
        FAILED,
        /** The deadline passed first; the job still runs remotely. */
        TIMED_OUT,
        /** The host cancelled the future (or interrupted a blocking wait). */
        CANCELLED,
        /** Anything else: an unknown job, a rejected key, a waiter shut down, a lookup failing unexpectedly. */
        ERROR
    }

    public WaitEnded {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        last = Objects.requireNonNullElse(last, Optional.empty());
        Objects.requireNonNull(at, "at");
        Events.requireNotNegative("waited", waited);
        failure = Objects.requireNonNullElse(failure, Optional.empty());
        last.ifPresent(j -> {
            if (!j.id().equals(id)) {
                throw new IllegalArgumentException("'last' must be job " + id + ", was job " + j.id());
            }
        });
        if (outcome == Outcome.COMPLETED && last.filter(Job::isCompleted).isEmpty()) {
            throw new IllegalArgumentException("'last' must be the completed job when the outcome is COMPLETED, was "
                    + last.map(j -> "a job with status " + j.status()).orElse("absent"));
        }
    }

    /**
     * The job's run time as far as this wait knows: from its creation (the start of the wait when unknown) to its
     * end (the end of the wait when unknown); never negative.
     */
    public Duration jobDuration() {
        Instant from = last.flatMap(Job::createdAt).orElse(at.minus(waited));
        Instant to = last.flatMap(Job::endedAt).orElse(at);
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
