package io.legnext.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.core.error.InvalidRequestException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * A request body read as one JSON object, with typed reads that refuse what does not fit by naming the field, the
 * bound and the value ({@link InvalidRequestException}, answered 400). An absent field reads as null; an explicit
 * {@code null} is refused, since no request field of the contract is nullable.
 */
final class JsonBody {

    /** Shared: thread-safe once configured. Duplicate names are refused, as the contract has one value per field. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Values are shown up to this many characters in an error. */
    private static final int SHOWN = 80;

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /**
     * Reads {@code body} as a JSON object; an empty body is an empty object when {@code emptyIsEmptyObject}.
     *
     * @param allowed the only field names accepted (the contract's request schemas forbid others)
     */
    static JsonBody parse(byte[] body, boolean emptyIsEmptyObject, Set<String> allowed) {
        if (body.length == 0 || isBlank(body)) {
            if (emptyIsEmptyObject) {
                return new JsonBody(MAPPER.createObjectNode());
            }
            throw new InvalidRequestException("body", "a JSON object", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("body", "JSON in UTF-8", new Shown("bytes that are not UTF-8"));
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new InvalidRequestException("body", "well-formed JSON", new Shown("text malformed" + where));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("body", "a JSON object", shown(node));
        }
        ObjectNode object = (ObjectNode) node;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException(
                        name,
                        allowed.isEmpty()
                                ? "absent: this request takes no fields"
                                : "absent: the fields are " + String.join(", ", new java.util.TreeSet<>(allowed)),
                        shown(object.get(name)));
            }
        }
        return new JsonBody(object);
    }

    /** The text of {@code field}, or null when absent. */
    String text(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException(field, "a string", shown(v));
        }
        return v.textValue();
    }

    /** The whole number in {@code field}, or null when absent; refused outside {@code min..max}. */
    Long whole(String field, long min, long max) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new InvalidRequestException(field, "a whole number between " + min + " and " + max, shown(v));
        }
        return v.longValue();
    }

    /** {@link #whole} narrowed to an int. */
    Integer integer(String field, int min, int max) {
        Long v = whole(field, min, max);
        return v == null ? null : v.intValue();
    }

    private JsonNode present(String field) {
        JsonNode v = object.get(field);
        if (v != null && v.isNull()) {
            throw new InvalidRequestException(field, "absent or a value, not null", "null");
        }
        return v;
    }

    /**
     * The value for an error message: a string as itself (the message quotes it, and cuts a long one), anything
     * else as its JSON text, cut to {@value #SHOWN} characters.
     */
    static Object shown(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        String s = v.toString();
        return new Shown(
                s.length() > SHOWN ? s.substring(0, SHOWN - 3) + "... (" + s.length() + " characters of JSON)" : s);
    }

    /** A value shown as it is, unquoted: JSON text or a description. */
    private record Shown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
