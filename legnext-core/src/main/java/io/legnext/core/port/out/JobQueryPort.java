package io.legnext.core.port.out;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;

/**
 * Driven port: looks jobs up by id. Safe to repeat.
 */
public interface JobQueryPort {

    /**
     * The job as the service sees it now.
     *
     * @throws io.legnext.core.error.NotFoundException when the service does not know the id (or forgot it)
     * @throws io.legnext.core.error.ServiceUnavailableException when the service could not be reached or failed
     */
    Job getJob(JobId id);
}
