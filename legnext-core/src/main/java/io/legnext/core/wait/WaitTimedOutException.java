package io.legnext.core.wait;

import io.legnext.core.error.LegnextException;
import io.legnext.core.job.Job;
import java.time.Duration;
import java.util.Objects;

/**
 * Waiting for a job passed its deadline; the job is still running remotely and can be waited on again by id.
 */
public final class WaitTimedOutException extends LegnextException {

    private static final long serialVersionUID = 1L;

    private final transient Job lastKnown;
    private final Duration waited;

    /**
     * @param lastKnown the job as last seen
     * @param waited how long the caller waited
     */
    public WaitTimedOutException(Job lastKnown, Duration waited) {
        super(
                "Gave up waiting for job " + lastKnown.id() + " after " + waited.toSeconds() + " s; last seen "
                        + lastKnown.status() + ". It is still running remotely: wait for it again by its id.",
                null,
                null,
                null);
        this.lastKnown = Objects.requireNonNull(lastKnown, "lastKnown");
        this.waited = Objects.requireNonNull(waited, "waited");
    }

    /** The job as last seen before the deadline. */
    public Job lastKnown() {
        return lastKnown;
    }

    /** How long the caller waited. */
    public Duration waited() {
        return waited;
    }
}
