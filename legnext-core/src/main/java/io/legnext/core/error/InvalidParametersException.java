package io.legnext.core.error;

/**
 * Rejected with HTTP 400, 413 or 422: the service judged the request's parameters invalid.
 */
public final class InvalidParametersException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    /** The advice appended to every message of this kind. */
    public static final String ADVICE = "Fix the parameters named in the message; the request was not charged.";

    /**
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param error what the service answered
     */
    public InvalidParametersException(String attempted, ServiceError error) {
        super(attempted, error, ADVICE);
    }
}
