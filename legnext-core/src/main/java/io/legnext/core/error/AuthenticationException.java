package io.legnext.core.error;

/**
 * Rejected with HTTP 401: the API key is missing or wrong.
 */
public final class AuthenticationException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    /** The advice appended to every message of this kind. */
    public static final String ADVICE =
            "Check the API key the client was given (it is sent in the x-api-key" + " header).";

    /**
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param error what the service answered
     */
    public AuthenticationException(String attempted, ServiceError error) {
        super(attempted, error, ADVICE);
    }
}
