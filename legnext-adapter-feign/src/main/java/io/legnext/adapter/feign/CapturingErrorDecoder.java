package io.legnext.adapter.feign;

import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/** Feign error decoder that keeps the status, the raw body and {@code Retry-After}, and decides nothing. */
final class CapturingErrorDecoder implements ErrorDecoder {

    /** Error bodies are small; a larger one is cut here, which keeps memory bounded on a misbehaving server. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public Exception decode(String methodKey, Response response) {
        return new HttpFailure(response.status(), readBody(response), header(response.headers(), "Retry-After"));
    }

    static String readBody(Response response) {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String header(Map<String, Collection<String>> headers, String name) {
        for (Map.Entry<String, Collection<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().equalsIgnoreCase(name)
                    && !e.getValue().isEmpty()) {
                return e.getValue().iterator().next();
            }
        }
        return null;
    }
}
