package io.legnext.core.port.out;

import io.legnext.core.job.Job;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;

/**
 * Driven port: submits video jobs to the service and answers the accepted job.
 *
 * <p>Each call costs money once it reaches the service. Implementations never re-send a submit that may have
 * reached it; they throw {@link io.legnext.core.error.ServiceUnavailableException} saying so instead.
 */
public interface VideoGenerationPort {

    /**
     * Readies, before a submit is sent, whatever reading its answer needs (classes to load, parsers to build), so
     * that an accepted job reaches the journal as soon as possible after the service answers: a process killed in
     * that window loses a paid job. Sends nothing; cheap after the first call. Adapters with nothing to ready need
     * not override it.
     */
    default void prepareSubmit() {}

    /**
     * Submits a video-diffusion job (text, image URL, or image of an image job to four videos).
     *
     * @return the accepted job, normally pending
     * @throws io.legnext.core.error.ServiceRejectedException when the service refused it; no job was created
     * @throws io.legnext.core.error.ServiceUnavailableException when the service could not be reached or failed
     */
    Job generate(VideoDiffusion request);

    /**
     * Submits an extension of one video of a completed video job.
     *
     * @return the accepted job, normally pending
     */
    Job extend(ExtendVideo request);

    /**
     * Submits an upscale of one video of a completed video job.
     *
     * @return the accepted job, normally pending
     */
    Job upscale(UpscaleVideo request);
}
