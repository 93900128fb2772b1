package io.legnext.core.callback;

import io.legnext.core.error.LegnextException;
import java.util.Objects;

/**
 * A callback delivery was refused: its reason says whether it was forged, stale, too large or malformed.
 */
public final class CallbackRejectedException extends LegnextException {

    private static final long serialVersionUID = 1L;

    /** Why a delivery was refused. */
    public enum Reason {
        /** The signature header is missing (while a secret is configured) or does not match. */
        BAD_SIGNATURE(401),
        /** The timestamp is outside the tolerance: an old delivery replayed, or a badly wrong clock. */
        STALE_TIMESTAMP(401),
        /** The body is larger than the configured limit. */
        TOO_LARGE(413),
        /** The body is not a task object. */
        MALFORMED(400);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The status a receiver should answer with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    /**
     * @param reason why it was refused
     * @param message what was wrong, without echoing secrets
     */
    public CallbackRejectedException(Reason reason, String message) {
        super(message, null, null, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the delivery was refused. */
    public Reason reason() {
        return reason;
    }
}
