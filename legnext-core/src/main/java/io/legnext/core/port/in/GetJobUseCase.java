package io.legnext.core.port.in;

import io.legnext.core.domain.Job;
import io.legnext.core.domain.JobId;

/**
 * Driving port: looks a job up by id.
 */
public interface GetJobUseCase {

    /**
     * The job as the service sees it now.
     *
     * @throws io.legnext.core.domain.NotFoundException when the service does not know the id
     */
    Job getJob(JobId id);
}
