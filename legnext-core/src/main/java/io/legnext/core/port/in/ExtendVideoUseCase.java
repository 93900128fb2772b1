package io.legnext.core.port.in;

import io.legnext.core.job.Job;
import io.legnext.core.request.ExtendVideo;

/**
 * Driving port: extends one video of a completed video job by 4 seconds.
 */
public interface ExtendVideoUseCase {

    /**
     * Checks that the source is a completed video job offering that video and that its lineage has room for
     * another extension, then submits once.
     *
     * @return the accepted job, normally pending
     * @throws io.legnext.core.error.InvalidRequestException when a rule is broken; nothing was submitted
     */
    Job extend(ExtendVideo request);
}
