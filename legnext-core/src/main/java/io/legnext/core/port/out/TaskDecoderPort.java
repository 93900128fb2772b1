package io.legnext.core.port.out;

import io.legnext.core.job.Job;

/**
 * Driven port: reads a task object (the JSON the service sends in responses and callbacks) into a job. The core
 * has no JSON library; an adapter that has one implements this.
 */
public interface TaskDecoderPort {

    /**
     * Reads one task object.
     *
     * @throws IllegalArgumentException when the bytes are not a task object with a job id
     */
    Job decode(byte[] taskJson);
}
