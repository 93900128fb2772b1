package io.legnext.core.job;

import java.util.Objects;

/**
 * Why the service says a job failed.
 *
 * @param code the service's error code
 * @param message the service's message
 * @param rawMessage the service's raw message, often the upstream reason
 */
public record JobFailure(int code, String message, String rawMessage) {

    /** Used when a job failed without saying why. */
    public static final JobFailure UNSPECIFIED = new JobFailure(0, "the service gave no reason", "");

    public JobFailure {
        message = Objects.requireNonNullElse(message, "");
        rawMessage = Objects.requireNonNullElse(rawMessage, "");
    }

    /** The code and message in one line. */
    public String describe() {
        String m = message.isBlank() ? rawMessage : message;
        String extra = !rawMessage.isBlank() && !rawMessage.equals(m) ? " (" + rawMessage + ")" : "";
        return "code " + code + ", " + (m.isBlank() ? "no message" : m) + extra;
    }
}
