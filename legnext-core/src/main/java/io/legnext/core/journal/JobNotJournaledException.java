package io.legnext.core.journal;

import io.legnext.core.error.LegnextException;
import io.legnext.core.job.Job;
import java.util.Objects;

/**
 * The service accepted a submit (the job exists and is charged) but the journal could not record it: the caller
 * must keep {@link #job()}'s id, since nothing else on this side remembers the job.
 */
public final class JobNotJournaledException extends LegnextException {

    private static final long serialVersionUID = 1L;

    private final transient Job job;

    /**
     * @param job the accepted job, as the service answered the submit
     * @param reason why the journal could not record it, in words
     * @param cause the journal's failure
     */
    public JobNotJournaledException(Job job, String reason, Throwable cause) {
        super(
                "Job " + Objects.requireNonNull(job, "job").id() + " was accepted by the service (it exists and is"
                        + " charged) but could not be written to the journal: " + reason
                        + ". Keep this id to follow the job;"
                        + " do not submit it again.",
                null,
                null,
                cause);
        this.job = job;
    }

    /** The accepted job. */
    public Job job() {
        return job;
    }
}
