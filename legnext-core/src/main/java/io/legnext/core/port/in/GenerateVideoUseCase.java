package io.legnext.core.port.in;

import io.legnext.core.job.Job;
import io.legnext.core.request.VideoDiffusion;

/**
 * Driving port: starts four new videos from text, an image URL, or an image of an earlier image job.
 */
public interface GenerateVideoUseCase {

    /**
     * Checks the request's rules, then submits it once.
     *
     * @return the accepted job, normally pending
     * @throws io.legnext.core.error.InvalidRequestException when a rule is broken; nothing was submitted
     */
    Job generate(VideoDiffusion request);
}
