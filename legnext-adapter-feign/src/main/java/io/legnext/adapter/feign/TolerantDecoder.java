package io.legnext.adapter.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.Decoder;
import io.legnext.adapter.feign.generated.model.Task;
import io.legnext.core.secret.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes 2xx bodies with Jackson and checks them against what {@link TaskMapper} requires, while the raw body is
 * still at hand: a body that is empty, not JSON, or that the mapping would refuse becomes an
 * {@link UnreadableAnswer} with its status and raw body, read once and never retried.
 */
final class TolerantDecoder implements Decoder {

    private final ObjectMapper mapper;
    private final Redactor redactor;
    private final StreamingTaskReader tasks;

    TolerantDecoder(ObjectMapper mapper, Redactor redactor) {
        this.mapper = mapper;
        this.redactor = redactor;
        this.tasks = new StreamingTaskReader(mapper.getFactory());
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
        Object value = type == Task.class ? tasks.read(body) : null;
        try {
            if (value == null) {
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
