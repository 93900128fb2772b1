package io.legnext.core.wait;

import io.legnext.core.error.LegnextException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import java.util.Objects;

/**
 * A job reached status {@code failed}; carries the job and the service's code and message.
 */
public final class JobFailedException extends LegnextException {

    private static final long serialVersionUID = 1L;

    private final transient Job job;

    /** @param job the failed job as last seen */
    public JobFailedException(Job job) {
        super(message(job), null, null, null);
        this.job = Objects.requireNonNull(job, "job");
    }

    private static String message(Job job) {
        JobFailure f = job.failure().orElse(JobFailure.UNSPECIFIED);
        return "Job " + job.id() + " (" + job.taskType() + ") failed: " + f.describe()
                + ". Failed jobs are normally not charged; change the request and submit it again.";
    }

    /** The failed job as last seen. */
    public Job job() {
        return job;
    }

    /** The service's failure code. */
    public int code() {
        return job.failure().orElse(JobFailure.UNSPECIFIED).code();
    }

    /** The service's failure message. */
    public String serviceMessage() {
        return job.failure().orElse(JobFailure.UNSPECIFIED).message();
    }
}
