package io.legnext.adapter.feign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.legnext.adapter.feign.generated.model.Task;
import io.legnext.adapter.feign.generated.model.TaskConfig;
import io.legnext.adapter.feign.generated.model.TaskError;
import io.legnext.adapter.feign.generated.model.TaskMeta;
import io.legnext.adapter.feign.generated.model.TaskOutput;
import io.legnext.adapter.feign.generated.model.TaskUsage;
import io.legnext.adapter.feign.generated.model.WebhookConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a task with Jackson's streaming parser straight into the generated model, for the shape the service sends:
 * each field of the kind the contract gives it. Anything else (a number where text belongs, a job id that is not a
 * plain UUID, JSON that does not parse) is left to the data binding, which says what is wrong: {@link #read} then
 * answers null. What is read is what the binding reads: a test holds both to the same jobs.
 *
 * <p>Why: the binding's reflective path was a fifth of the adapter's CPU per lookup; this reads the same fields in
 * a fraction of it, and the binding is only built when something is unusual.
 */
final class StreamingTaskReader {

    /** Not the common shape: the binding is to read it. */
    private static final class Unusual extends Exception {
        private static final long serialVersionUID = 1L;
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    private final JsonFactory json;

    StreamingTaskReader(JsonFactory json) {
        this.json = json;
    }

    /** The task in {@code body}, or null when its shape is for the binding to read (or refuse). */
    Task read(byte[] body) {
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            return task(p);
        } catch (IOException | Unusual | IllegalArgumentException e) {
            return null;
        }
    }

    private static Task task(JsonParser p) throws IOException, Unusual {
        Task task = new Task();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "job_id" -> task.setJobId(uuid(p, t));
                case "task_type" -> task.setTaskType(text(p, t));
                case "status" -> task.setStatus(text(p, t));
                case "model" -> text(p, t);
                case "config" -> task.setConfig(object(t) ? config(p) : null);
                case "output" -> task.setOutput(object(t) ? output(p) : null);
                case "meta" -> task.setMeta(object(t) ? meta(p) : null);
                case "error" -> task.setError(object(t) ? error(p) : null);
                case "logs" -> {
                    if (t != JsonToken.START_ARRAY && t != JsonToken.VALUE_NULL) {
                        throw Unusual.INSTANCE;
                    }
                    p.skipChildren();
                }
                default -> p.skipChildren(); // input, detail: any JSON, read by nobody; unknown fields ignored
            }
        }
        return task;
    }

    private static TaskConfig config(JsonParser p) throws IOException, Unusual {
        TaskConfig config = new TaskConfig();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "service_mode" -> config.setServiceMode(text(p, t));
                case "webhook_config" -> {
                    WebhookConfig webhook = null;
                    if (object(t)) {
                        webhook = new WebhookConfig();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (name) {
                                case "endpoint" -> webhook.setEndpoint(text(p, v));
                                case "secret" -> text(p, v); // never read into the domain
                                default -> p.skipChildren();
                            }
                        }
                    }
                    config.setWebhookConfig(webhook);
                }
                default -> p.skipChildren();
            }
        }
        return config;
    }

    private static TaskOutput output(JsonParser p) throws IOException, Unusual {
        TaskOutput output = new TaskOutput();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "video_urls" -> output.setVideoUrls(texts(p, t));
                case "image_urls" -> output.setImageUrls(texts(p, t));
                case "image_url" -> output.setImageUrl(text(p, t));
                case "seed" -> output.setSeed(text(p, t));
                case "available_actions" -> output.setAvailableActions(object(t) ? actions(p) : null);
                default -> p.skipChildren();
            }
        }
        return output;
    }

    /**
     * Actions as the binding reads an untyped map, as far as {@link TaskMapper} looks: lists keep their numbers,
     * {@code true} stays true, any other value is kept as something that is neither.
     */
    private static Map<String, Object> actions(JsonParser p) throws IOException, Unusual {
        Map<String, Object> actions = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                List<Object> values = new ArrayList<>(4);
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        values.add(p.getIntValue());
                    } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        throw Unusual.INSTANCE;
                    } else {
                        p.skipChildren();
                    }
                }
                actions.put(name, values);
            } else {
                p.skipChildren();
                actions.put(name, t == JsonToken.VALUE_TRUE ? Boolean.TRUE : Boolean.FALSE);
            }
        }
        return actions;
    }

    private static TaskMeta meta(JsonParser p) throws IOException, Unusual {
        TaskMeta meta = new TaskMeta();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "created_at" -> meta.setCreatedAt(text(p, t));
                case "started_at" -> meta.setStartedAt(text(p, t));
                case "ended_at" -> meta.setEndedAt(text(p, t));
                case "usage" -> {
                    TaskUsage usage = null;
                    if (object(t)) {
                        usage = new TaskUsage();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (name) {
                                case "type" -> usage.setType(text(p, v));
                                case "frozen" -> usage.setFrozen(whole(p, v));
                                case "consume" -> usage.setConsume(whole(p, v));
                                default -> p.skipChildren();
                            }
                        }
                    }
                    meta.setUsage(usage);
                }
                default -> p.skipChildren();
            }
        }
        return meta;
    }

    private static TaskError error(JsonParser p) throws IOException, Unusual {
        TaskError error = new TaskError();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "code" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        error.setCode(null);
                    } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        error.setCode(p.getIntValue());
                    } else {
                        throw Unusual.INSTANCE;
                    }
                }
                case "message" -> error.setMessage(text(p, t));
                case "raw_message" -> error.setRawMessage(text(p, t));
                default -> p.skipChildren(); // detail: any JSON, read by nobody
            }
        }
        return error;
    }

    /** Whether an object starts here; false for null; anything else is unusual. */
    private static boolean object(JsonToken t) throws Unusual {
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw Unusual.INSTANCE;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException, Unusual {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw Unusual.INSTANCE;
    }

    private static List<String> texts(JsonParser p, JsonToken t) throws IOException, Unusual {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw Unusual.INSTANCE;
        }
        List<String> out = new ArrayList<>(4);
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            out.add(text(p, v));
        }
        return out;
    }

    private static Long whole(JsonParser p, JsonToken t) throws IOException, Unusual {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        throw Unusual.INSTANCE;
    }

    /** A UUID in its 36-character form, as the binding reads it; any other text is the binding's to judge. */
    private static UUID uuid(JsonParser p, JsonToken t) throws IOException, Unusual {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw Unusual.INSTANCE;
        }
        String s = p.getText();
        if (s.length() != 36) {
            throw Unusual.INSTANCE;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex) {
                throw Unusual.INSTANCE;
            }
        }
        return UUID.fromString(s);
    }
}
