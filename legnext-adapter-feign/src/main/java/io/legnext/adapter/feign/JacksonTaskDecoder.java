package io.legnext.adapter.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.adapter.feign.generated.model.Task;
import io.legnext.core.domain.Job;
import io.legnext.core.port.out.TaskDecoderPort;
import java.io.IOException;
import java.util.Objects;

/**
 * Driven adapter: reads task objects (callback bodies, saved responses) with the same tolerant mapping as HTTP
 * responses.
 */
public final class JacksonTaskDecoder implements TaskDecoderPort {

    private final ObjectMapper mapper = LegnextHttpAdapter.objectMapper();

    @Override
    public Job decode(byte[] taskJson) {
        Objects.requireNonNull(taskJson, "taskJson");
        Task task;
        try {
            task = mapper.readValue(taskJson, Task.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a task object: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a task object: " + e.getMessage(), e);
        }
        if (task == null) {
            throw new IllegalArgumentException("not a task object: the body is JSON null");
        }
        return TaskMapper.toDomain(task);
    }
}
