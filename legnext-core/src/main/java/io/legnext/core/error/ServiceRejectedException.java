package io.legnext.core.error;

import java.util.Objects;

/**
 * The service received the request and refused it; the subtype says why, and no job was created.
 */
public abstract class ServiceRejectedException extends LegnextException {

    private static final long serialVersionUID = 1L;

    private final transient ServiceError error;

    protected ServiceRejectedException(String attempted, ServiceError error, String advice) {
        super(
                attempted + " was rejected: " + error.describe() + ". " + advice,
                error.httpStatus(),
                error.rawBody(),
                null);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The service's answer: status, code, message and raw body. */
    public ServiceError error() {
        return error;
    }

    /** The service's own error code (the HTTP status when the body had none). */
    public int serviceCode() {
        return error.code();
    }

    /** The service's message, or "" when it gave none. */
    public String serviceMessage() {
        return error.message();
    }
}
