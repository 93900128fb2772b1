package io.legnext.core.event;

import io.legnext.core.callback.CallbackRejectedException.Reason;
import java.time.Instant;
import java.util.Objects;

/**
 * Event: a callback delivery was refused (forged, stale, too large or malformed).
 *
 * @param reason why it was refused
 * @param message what was wrong, in words, as the refusal says it (never a secret)
 * @param at when it was received, on the receiver's wall clock
 */
public record CallbackRefused(Reason reason, String message, Instant at) {

    public CallbackRefused {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    /** The HTTP status the refusal is answered with. */
    public int httpStatus() {
        return reason.httpStatus();
    }
}
