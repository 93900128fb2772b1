package io.legnext.core.error;

/**
 * Rejected with HTTP 403: the content was refused by moderation, or the feature is limited to whitelisted accounts.
 */
public final class ForbiddenException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    /** The advice appended to every message of this kind. */
    public static final String ADVICE =
            "Change the prompt or image; if the feature is restricted, ask Legnext to enable it.";

    /**
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param error what the service answered
     */
    public ForbiddenException(String attempted, ServiceError error) {
        super(attempted, error, ADVICE);
    }
}
