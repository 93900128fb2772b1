package io.legnext.core.port.in;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.wait.WaitOptions;
import java.util.concurrent.CompletableFuture;

/**
 * Driving port: waits for a job to finish, by polling cheaply and by callbacks when they arrive; works from a bare
 * job id, so waiting can resume after a restart.
 */
public interface WaitForJobUseCase {

    /**
     * Waits without blocking: the future completes with the completed job, or exceptionally with
     * {@link io.legnext.core.wait.JobFailedException} (the job failed),
     * {@link io.legnext.core.wait.WaitTimedOutException} (the deadline passed; the job still runs remotely) or
     * the lookup's own exception when it cannot go on (e.g. not found). Cancelling the future stops polling at once.
     */
    CompletableFuture<Job> waitFor(JobId id, WaitOptions options);

    /**
     * Waits on the calling thread; same outcomes as {@link #waitFor}, thrown directly.
     *
     * @throws io.legnext.core.wait.JobFailedException when the job failed
     * @throws io.legnext.core.wait.WaitTimedOutException when the deadline passed
     */
    Job await(JobId id, WaitOptions options) throws InterruptedException;
}
