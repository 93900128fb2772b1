package io.legnext.core.domain;

/**
 * The service answered with something legnext cannot read, e.g. a success status with a body that is not JSON.
 */
public final class UnexpectedResponseException extends LegnextException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was attempted and what came back
     * @param httpStatus the HTTP status
     * @param rawBody the body exactly as received
     * @param cause the parse error
     */
    public UnexpectedResponseException(String message, int httpStatus, String rawBody, Throwable cause) {
        super(message, httpStatus, rawBody, cause);
    }
}
