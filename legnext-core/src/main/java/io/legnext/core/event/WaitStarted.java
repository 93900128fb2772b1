package io.legnext.core.event;

import io.legnext.core.job.JobId;
import java.time.Instant;
import java.util.Objects;

/**
 * Event: a wait for a job began; exactly one {@link WaitEnded} follows it.
 *
 * @param id the job waited for
 * @param at when the wait began, on the scheduler's clock
 * @param deadline when the wait gives up (the job itself goes on running remotely)
 * @param callbackExpected whether a callback is expected, so that polling is only a safety net
 */
public record WaitStarted(JobId id, Instant at, Instant deadline, boolean callbackExpected) {

    public WaitStarted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isBefore(at)) {
            throw new IllegalArgumentException("'deadline' must not be before 'at' (" + at + "), was " + deadline);
        }
    }
}
