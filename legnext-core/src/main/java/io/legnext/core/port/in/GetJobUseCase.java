package io.legnext.core.port.in;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;

/**
 * Driving port: looks a job up by id.
 */
public interface GetJobUseCase {

    /**
     * The job as the service sees it now.
     *
     * @throws io.legnext.core.error.NotFoundException when the service does not know the id
     */
    Job getJob(JobId id);
}
