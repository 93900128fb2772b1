package io.legnext.adapter.feign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.core.error.ServiceError;
import java.util.function.Supplier;

/**
 * Reads the service's three error body shapes (flat, task-shaped, and {@code {"error":{...}}}) and bodies that are
 * not JSON at all, keeping the raw body.
 */
final class ErrorBodies {

    private final Supplier<ObjectMapper> mapper;

    ErrorBodies(ObjectMapper mapper) {
        this(() -> mapper);
    }

    /** @param mapper asked for the mapper only when an error body is read */
    ErrorBodies(Supplier<ObjectMapper> mapper) {
        this.mapper = mapper;
    }

    ServiceError parse(int status, String rawBody) {
        JsonNode root = readTree(rawBody);
        if (root == null || !root.isObject()) {
            return new ServiceError(status, status, "", "", rawBody);
        }
        JsonNode error = root.path("error");
        boolean taskShaped = root.has("job_id") || root.has("status") || root.has("task_type");
        JsonNode source;
        if (error.isObject() && (taskShaped || !root.has("message"))) {
            // Task-shaped failure or {"error": {...}}: the reason is inside "error".
            source = error;
        } else {
            source = root;
        }
        int code = source.path("code").asInt(0);
        return new ServiceError(
                status,
                code == 0 ? status : code,
                text(source.path("message")),
                text(source.path("raw_message")),
                rawBody);
    }

    private JsonNode readTree(String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        try {
            return mapper.get().readTree(rawBody);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }
}
