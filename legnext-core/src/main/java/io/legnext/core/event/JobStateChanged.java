package io.legnext.core.event;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Event: a wait saw its job in a new status (the first status it sees counts as new), whoever told it.
 *
 * @param job the job in its new status
 * @param previous the status this wait saw before; absent for the first
 * @param source who told the wait
 * @param at when the wait learnt it, on the scheduler's clock
 */
public record JobStateChanged(Job job, Optional<JobStatus> previous, Source source, Instant at) {

    /** Who told a wait of a job's state. */
    public enum Source {
        /** The job handed to the wait when it began, typically the answer to its submit. */
        GIVEN,
        /** A lookup the wait made. */
        LOOKUP,
        /** A callback the service sent, handed to the waiter by the callback receiver. */
        CALLBACK
    }

    public JobStateChanged {
        Objects.requireNonNull(job, "job");
        previous = Objects.requireNonNullElse(previous, Optional.empty());
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        previous.ifPresent(p -> {
            if (p.equals(job.status())) {
                throw new IllegalArgumentException("'previous' must differ from the job's status, was " + p);
            }
        });
    }

    /** The status the job is now in. */
    public JobStatus status() {
        return job.status();
    }
}
