package io.legnext.adapter.feign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.legnext.core.secret.Redactor;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Says in words why a body could not be read as the JSON expected: which field, the value found there and what
 * was expected, or where the text stops being JSON. Jackson's own messages name Java types ("`java.util.UUID`");
 * these words reach users, so they never do.
 */
final class JsonProblems {

    /** Longer values are cut: a message names the value, it does not reproduce a body. */
    private static final int MAX_SHOWN = 60;

    private JsonProblems() {}

    /**
     * Describes a failure to read {@code body}, e.g. {@code 'job_id' is 'abc', which is not a UUID}.
     *
     * @param e what Jackson threw
     * @param body the bytes it was reading, to show the offending value
     * @param mapper the mapper that read them
     * @param redactor masks secrets in values shown
     */
    static String describe(JsonProcessingException e, byte[] body, ObjectMapper mapper, Redactor redactor) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch(mismatch, body, mapper, redactor);
        }
        if (e instanceof JsonEOFException) {
            return "the JSON ends before it is complete" + at(e.getLocation());
        }
        if (e instanceof StreamReadException) {
            return "it is not valid JSON" + at(e.getLocation());
        }
        return "it does not have the shape expected" + at(e.getLocation());
    }

    private static String mismatch(MismatchedInputException e, byte[] body, ObjectMapper mapper, Redactor redactor) {
        List<JsonMappingException.Reference> path = e.getPath();
        String expected = expected(e.getTargetType());
        String found = found(body, pointer(path), mapper, redactor);
        if (found == null) {
            found = e instanceof InvalidFormatException invalid && invalid.getValue() != null
                    ? shown(invalid.getValue(), redactor)
                    : "a value of another kind";
        }
        if (path.isEmpty()) {
            return "the body is " + found + " where " + expected + " was expected";
        }
        return "'" + dotted(path) + "' is " + found + ", which is not " + expected;
    }

    /**
     * The value at {@code pointer} as the body spells it (a number stays unquoted), or null when the body cannot be
     * read as a tree; read again only now that reading has failed.
     */
    private static String found(byte[] body, String pointer, ObjectMapper mapper, Redactor redactor) {
        JsonNode node;
        try {
            node = mapper.readTree(body).at(pointer);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        if (node.isMissingNode()) {
            return null;
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isTextual() ? shown(node.asText(), redactor) : node.asText();
    }

    private static String shown(Object value, Redactor redactor) {
        if (!(value instanceof CharSequence)) {
            return redactor.redact(String.valueOf(value));
        }
        String s = redactor.redact(value.toString());
        if (s.codePointCount(0, s.length()) > MAX_SHOWN) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_SHOWN - 3)) + "...";
        }
        return "'" + s + "'";
    }

    /** What a field of this type holds, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected kind";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Long.class
                || type == Integer.class
                || type == Short.class
                || type == Byte.class
                || type == long.class
                || type == int.class
                || type == short.class
                || type == byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the values it may take";
        }
        // Generated models and maps (available_actions) alike are JSON objects.
        return "an object";
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            s.append('/')
                    .append(
                            r.getFieldName() != null
                                    ? r.getFieldName().replace("~", "~0").replace("/", "~1")
                                    : Integer.toString(r.getIndex()));
        }
        return s.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
