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

    private final ObjectMapper mapper = WireJson.mapper();
    private final StreamingTaskReader tasks = new StreamingTaskReader(mapper.getFactory());

    @Override
    public Job decode(byte[] taskJson) {
        Objects.requireNonNull(taskJson, "taskJson");
        Task task = tasks.read(taskJson);
        try {
            if (task == null) {
                task = mapper.readValue(taskJson, Task.class);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a task object: " + JsonProblems.describe(e, taskJson, mapper, Redactor.URL_CREDENTIALS), e);
        } catch (IOException e) {
            // Reading a byte array does no I/O: only Jackson's own failures, above, can happen.
            throw new IllegalArgumentException("not a task object: it could not be read", e);
        }
        try {
            return TaskMapper.toDomain(task, Redactor.URL_CREDENTIALS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a task object: " + e.getMessage(), e);
        }
    }
}
