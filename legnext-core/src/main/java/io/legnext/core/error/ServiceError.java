package io.legnext.core.error;

import java.util.Objects;

/**
 * What the service answered when it refused a request: HTTP status, its own code and message, and the raw body.
 *
 * @param httpStatus the HTTP status code
 * @param code the service's {@code code} field, or the HTTP status when the body had none
 * @param message the service's {@code message}, or "" when absent
 * @param rawMessage the service's {@code raw_message}, or "" when absent
 * @param rawBody the body exactly as received, or "" when empty
 */
public record ServiceError(int httpStatus, int code, String message, String rawMessage, String rawBody) {

    public ServiceError {
        message = Objects.requireNonNullElse(message, "");
        rawMessage = Objects.requireNonNullElse(rawMessage, "");
        rawBody = Objects.requireNonNullElse(rawBody, "");
    }

    /** A short human description: the message, with the raw message when it adds something. */
    public String describe() {
        StringBuilder s = new StringBuilder("HTTP ").append(httpStatus);
        if (code != 0 && code != httpStatus) {
            s.append(", code ").append(code);
        }
        if (!message.isBlank()) {
            s.append(": ").append(message);
        }
        if (!rawMessage.isBlank() && !rawMessage.equals(message)) {
            s.append(" (").append(rawMessage).append(')');
        }
        return s.toString();
    }
}
