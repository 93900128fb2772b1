package io.legnext.core.error;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Root of every exception a caller of legnext can meet; keeps the HTTP status and raw body when there was a response.
 */
public abstract class LegnextException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Integer httpStatus;
    private final String rawBody;

    protected LegnextException(String message, Integer httpStatus, String rawBody, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.rawBody = rawBody;
    }

    /** The HTTP status of the response that caused this, when there was one. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The raw response body, unparsed, when there was one. */
    public Optional<String> rawBody() {
        return Optional.ofNullable(rawBody);
    }
}
