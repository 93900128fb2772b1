package io.legnext.adapter.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.adapter.feign.generated.model.Task;
import io.legnext.core.job.Job;
import io.legnext.core.port.out.TaskDecoderPort;
import io.legnext.core.secret.Redactor;
import java.io.IOException;
import java.util.Objects;

/**
 * Driven adapter: reads task objects (callback bodies, saved responses) with the same tolerant mapping as HTTP
 * responses.
 */
public final class JacksonTaskDecoder implements TaskDecoderPort {

    private final StreamingTaskReader tasks = new StreamingTaskReader(WireJson.STREAMS);

    @Override
    public Job decode(byte[] taskJson) {
        Objects.requireNonNull(taskJson, "taskJson");
        Task task = tasks.read(taskJson);
        if (task == null) {
            task = bind(taskJson);
        }
        try {
            return TaskMapper.toDomain(task, Redactor.URL_CREDENTIALS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a task object: " + e.getMessage(), e);
        }
    }

    /** Reads what the streaming reader left to the binding, which names what is wrong. */
    private static Task bind(byte[] taskJson) {
        ObjectMapper mapper = WireJson.shared();
        try {
            return mapper.readValue(taskJson, Task.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a task object: " + JsonProblems.describe(e, taskJson, mapper, Redactor.URL_CREDENTIALS), e);
        } catch (IOException e) {
            // Reading a byte array does no I/O: only Jackson's own failures, above, can happen.
            throw new IllegalArgumentException("not a task object: it could not be read", e);
        }
    }
}
