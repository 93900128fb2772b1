package io.legnext.core.event;

import io.legnext.core.job.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * Event: a callback delivery passed every check and was read as a job.
 *
 * @param job the job the delivery carried
 * @param duplicate whether this job state was delivered before, so that it was dropped
 * @param at when it was received, on the receiver's wall clock
 */
public record CallbackAccepted(Job job, boolean duplicate, Instant at) {

    public CallbackAccepted {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(at, "at");
    }
}
