package io.legnext.core.port.in;

import io.legnext.core.job.Job;
import io.legnext.core.request.UpscaleVideo;

/**
 * Driving port: upscales one video of a completed video job.
 */
public interface UpscaleVideoUseCase {

    /**
     * Checks that the source is a completed video job offering that video for upscale, then submits once.
     *
     * @return the accepted job, normally pending
     * @throws io.legnext.core.error.InvalidRequestException when a rule is broken; nothing was submitted
     */
    Job upscale(UpscaleVideo request);
}
