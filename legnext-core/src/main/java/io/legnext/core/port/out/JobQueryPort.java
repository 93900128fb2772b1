package io.legnext.core.port.out;

import io.legnext.core.domain.Job;
import io.legnext.core.domain.JobId;

/**
 * Driven port: looks jobs up by id. Safe to repeat.
 */
public interface JobQueryPort {

    /**
     * The job as the service sees it now.
     *
     * @throws io.legnext.core.domain.NotFoundException when the service does not know the id (or forgot it)
     * @throws io.legnext.core.domain.ServiceUnavailableException when the service could not be reached or failed
     */
    Job getJob(JobId id);
}
