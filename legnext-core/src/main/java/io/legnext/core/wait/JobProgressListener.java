package io.legnext.core.wait;

/**
 * Hears of a wait's progress; called on the scheduler's thread, so it must be quick and must not block.
 */
@FunctionalInterface
public interface JobProgressListener {

    /** Ignores everything. */
    JobProgressListener NONE = progress -> {};

    /** Called after every observation of the job. */
    void onProgress(JobProgress progress);

    /**
     * Called after every lookup that failed, whether the wait retries it or ends with it; ignored unless
     * overridden.
     */
    default void onLookupFailed(LookupFailure failure) {}
}
