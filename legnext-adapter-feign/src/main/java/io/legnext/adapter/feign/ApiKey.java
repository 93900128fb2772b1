package io.legnext.adapter.feign;

import io.legnext.core.secret.Redactor;
import java.util.Objects;

/**
 * The account's API key: sent in the {@code x-api-key} header and never printed, not even in part.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a key.
     *
     * @throws IllegalArgumentException when the key is blank or contains characters a header cannot carry; the
     *     message never repeats the key
     */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "the API key must not be null");
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("'apiKey' must not be blank");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("'apiKey' must be printable ASCII without spaces; character "
                        + (i + 1) + " of " + v.length() + " is not");
            }
        }
        return new ApiKey(v);
    }

    /** The key itself, for the one place that puts it in a header. */
    String reveal() {
        return value;
    }

    /** A redactor masking this key (as sent, JSON- and URL-encoded) and URL credentials, for text shown around it. */
    public Redactor redactor() {
        return Redactor.of(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
