package io.legnext.adapter.feign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import feign.codec.Encoder;
import feign.jackson.JacksonEncoder;
import java.util.UUID;

/** How the adapter reads and writes JSON: tolerant of what real payloads carry, strict about what it sends. */
final class WireJson {

    /**
     * The parser factory of the streaming reader: Jackson's defaults, as the mapper's own, so both read the same
     * JSON the same way.
     */
    static final JsonFactory STREAMS = new JsonFactory();

    private WireJson() {}

    /**
     * One mapper for every adapter of the JVM, built when first needed: a lookup reads its task without it, so a
     * process that only looks jobs up never builds it (a cold JVM spends tens of milliseconds on that).
     */
    static ObjectMapper shared() {
        return Shared.MAPPER;
    }

    /** Writes request bodies with {@link #shared()}; built with it. */
    static Encoder encoder() {
        return (object, type, template) -> Shared.ENCODER.encode(object, type, template);
    }

    private static final class Shared {
        static final ObjectMapper MAPPER = mapper();
        static final JacksonEncoder ENCODER = new JacksonEncoder(MAPPER);
    }

    /** The mapper every request and answer goes through. */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // The service sends fields no schema names: ignore them instead of failing.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A job id of "" is not a job id: refused like any other non-UUID, not read as absent.
                .withCoercionConfig(UUID.class, c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                // Unset request fields are left out, not sent as null (the contract does not allow null).
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }
}
