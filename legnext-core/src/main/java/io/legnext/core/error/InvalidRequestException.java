package io.legnext.core.error;

import java.util.Objects;

/**
 * A request broke a local rule before anything was sent: names the field, the bound and the value.
 */
public final class InvalidRequestException extends LegnextException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String bound;
    private final String value;

    /**
     * Creates the exception; the message reads {@code 'field' must be bound, was value}.
     *
     * @param field the request field or argument that broke the rule, e.g. {@code videoNo}
     * @param bound what the value must be, e.g. {@code between 0 and 3}
     * @param value the rejected value, as the caller gave it
     */
    public InvalidRequestException(String field, String bound, Object value) {
        super(
                "'" + field + "' must be " + bound + ", was " + describe(value) + ". Nothing was sent.",
                null,
                null,
                null);
        this.field = Objects.requireNonNull(field, "field");
        this.bound = Objects.requireNonNull(bound, "bound");
        this.value = String.valueOf(value);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "absent";
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
            int length = s.codePointCount(0, s.length());
            // Long prompts are reported by length, not echoed whole; cut on a code point, never inside a pair.
            return length > 80
                    ? "'" + s.substring(0, s.offsetByCodePoints(0, 77)) + "...' (" + length + " characters)"
                    : "'" + s + "'";
        }
        return String.valueOf(value);
    }

    /** The request field or argument that broke the rule. */
    public String field() {
        return field;
    }

    /** What the value must be. */
    public String bound() {
        return bound;
    }

    /** The rejected value as text. */
    public String value() {
        return value;
    }
}
