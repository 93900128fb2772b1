package io.legnext.adapter.feign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.Decoder;
import io.legnext.core.domain.UnexpectedResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Decodes 2xx bodies with Jackson; a body that is empty or not JSON becomes an {@link UnexpectedResponseException}
 * that keeps it raw.
 */
final class TolerantDecoder implements Decoder {

    private final ObjectMapper mapper;

    TolerantDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
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
            throw new UnexpectedResponseException("The service answered HTTP " + response.status()
                    + " with an empty body where a JSON object was expected.", response.status(),
                    new String(body, StandardCharsets.UTF_8), null);
        }
        try {
            return mapper.readValue(body, mapper.constructType(type));
        } catch (JsonProcessingException e) {
            throw new UnexpectedResponseException("The service answered HTTP " + response.status()
                    + " with a body that is not the expected JSON (" + e.getOriginalMessage() + ").",
                    response.status(), new String(body, StandardCharsets.UTF_8), e);
        }
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
