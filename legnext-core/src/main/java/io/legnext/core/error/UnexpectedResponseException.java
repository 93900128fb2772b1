package io.legnext.core.error;

/**
 * The service answered with something legnext cannot use, e.g. a success status with a body that is not JSON, or
 * a task whose job id is not a UUID; keeps the status and the raw body, and is not worth retrying.
 */
public final class UnexpectedResponseException extends LegnextException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was attempted and what came back
     * @param httpStatus the HTTP status
     * @param rawBody the body exactly as received
     * @param cause the parse error, if one is worth keeping
     */
    public UnexpectedResponseException(String message, int httpStatus, String rawBody, Throwable cause) {
        super(message, httpStatus, rawBody, cause);
    }
}
