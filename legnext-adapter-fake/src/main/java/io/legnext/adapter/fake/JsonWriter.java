package io.legnext.adapter.fake;

import java.util.Arrays;

/**
 * A small streaming JSON writer: objects, arrays, strings, numbers, booleans and null, with commas placed for the
 * caller and strings escaped per RFC 8259. The fake has no JSON library; this is all it needs.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    /** Per open container: whether the next member is its first (no comma before it). */
    private boolean[] first = new boolean[8];

    private int depth;
    private boolean afterName;

    JsonWriter() {
        this(512);
    }

    JsonWriter(int capacity) {
        out = new StringBuilder(capacity);
    }

    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push();
        return this;
    }

    JsonWriter endObject() {
        pop();
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push();
        return this;
    }

    JsonWriter endArray() {
        pop();
        out.append(']');
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    JsonWriter name(String name) {
        if (depth == 0 || afterName) {
            throw new IllegalStateException("a name must be written inside an object, before its value");
        }
        comma();
        quote(out, name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        quote(out, value);
        return this;
    }

    JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Writes {@code "name": value} for a string. */
    JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    /** Writes {@code "name": value} for a number. */
    JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    /** The JSON written so far; complete once every container is closed. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        comma();
    }

    private void comma() {
        if (depth > 0) {
            if (first[depth - 1]) {
                first[depth - 1] = false;
            } else {
                out.append(',');
            }
        }
    }

    private void push() {
        if (depth == first.length) {
            first = Arrays.copyOf(first, depth * 2);
        }
        first[depth++] = true;
    }

    private void pop() {
        if (depth == 0 || afterName) {
            throw new IllegalStateException("no open container to close, or a name without a value");
        }
        depth--;
    }

    /**
     * Appends {@code text} as a JSON string: quotes, backslashes and control characters escaped; U+2028 and U+2029
     * escaped too (so the output is also valid JavaScript); an unpaired surrogate escaped rather than left to turn
     * into invalid UTF-8.
     */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < n
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
