package io.legnext.adapter.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import feign.codec.Decoder;
import io.legnext.core.secret.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decodes 2xx bodies with Jackson and checks them against what {@link TaskMapper} requires, while the raw body is
 * still at hand: a body that is empty, not JSON, or that the mapping would refuse becomes an
 * {@link UnreadableAnswer} with its status and raw body, read once and never retried.
 */
final class TolerantDecoder implements Decoder {

    /** A pending task as the service answers a submit, decoded once by {@link #warmUp}. */
    private static final byte[] WARM_UP_TASK = ("{\"job_id\":\"00000000-0000-4000-8000-000000000000\","
                    + "\"model\":\"midjourney\",\"task_type\":\"video_diffusion\",\"status\":\"pending\","
                    + "\"config\":{\"service_mode\":\"public\",\"webhook_config\":{\"endpoint\":\"\",\"secret\":\"\"}},"
                    + "\"input\":null,\"output\":{\"video_urls\":null,\"seed\":\"\",\"available_actions\":{}},"
                    + "\"meta\":{\"created_at\":\"2025-10-21T10:51:46Z\",\"started_at\":\"\",\"ended_at\":\"\","
                    + "\"usage\":{\"type\":\"point\",\"frozen\":480,\"consume\":0}},\"detail\":null,\"logs\":[],"
                    + "\"error\":{\"code\":0,\"message\":\"\",\"raw_message\":\"\",\"detail\":null}}")
            .getBytes(StandardCharsets.UTF_8);

    private final Supplier<ObjectMapper> mappers;
    private final Redactor redactor;
    private final StreamingTaskReader tasks = new StreamingTaskReader(WireJson.STREAMS);

    /** @param mappers asked for the mapper only when the streaming reader leaves a body to the binding */
    TolerantDecoder(Supplier<ObjectMapper> mappers, Redactor redactor) {
        this.mappers = mappers;
        this.redactor = redactor;
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        byte[] body;
        if (response.body() == null) {
            body = new byte[0];
        } else {
            // Already bounded: the transport stops reading at JdkHttpClient.MAX_BODY_BYTES.
            try (InputStream in = response.body().asInputStream()) {
                body = in.readAllBytes();
            }
        }
        // The raw text is only needed when the body is unusable: not decoded on every successful lookup.
        if (isBlank(body)) {
            throw unreadable(response, body, type, "the answer has an empty body");
        }
        // A task of the usual shape is read without the binding; anything unusual goes to the binding, which names
        // what is wrong.
        Object value = type == TaskMapper.TASK ? tasks.read(body) : null;
        ObjectMapper mapper = null;
        try {
            if (value == null) {
                mapper = mappers.get();
                value = mapper.readValue(body, mapper.constructType(type));
            }
        } catch (JsonProcessingException e) {
            // Jackson's exception is not kept as the cause: its text repeats parts of the body unredacted.
            throw unreadable(response, body, type, JsonProblems.describe(e, body, mapper, redactor));
        }
        Optional<String> refusal = TaskMapper.refusal(value);
        if (refusal.isPresent()) {
            throw unreadable(response, body, type, refusal.get());
        }
        return value;
    }

    /**
     * Decodes and maps a canned task once, as a real answer to a POST to {@code url} is: in a fresh JVM that first
     * decoding loads and builds most of what reading an answer needs, which would otherwise happen between the
     * service's answer and the journal.
     */
    void warmUp(String url) {
        Request request = Request.create(Request.HttpMethod.POST, url, Map.of(), null, StandardCharsets.UTF_8, null);
        Response response = Response.builder()
                .status(200)
                .reason("OK")
                .request(request)
                .headers(Map.of("content-type", List.of("application/json")))
                .body(WARM_UP_TASK)
                .build();
        try {
            TaskMapper.toDomainTask(decode(response, TaskMapper.TASK), redactor);
        } catch (IOException | RuntimeException e) {
            // Only a head start: the real answer is decoded the same way and reports its own failures.
        }
    }

    private UnreadableAnswer unreadable(Response response, byte[] body, Type type, String problem) {
        return new UnreadableAnswer(
                response.status(),
                redactor.redact(new String(body, StandardCharsets.UTF_8)),
                TaskMapper.describe(type),
                redactor.redact(problem));
    }

    /** Nothing but JSON whitespace (or nothing at all). */
    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
