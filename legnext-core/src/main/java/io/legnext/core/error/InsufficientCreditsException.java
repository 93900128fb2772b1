package io.legnext.core.error;

/**
 * Rejected with HTTP 402: the account has too few credits or points for the job.
 */
public final class InsufficientCreditsException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    /** The advice appended to every message of this kind. */
    public static final String ADVICE = "Top up the balance at legnext.ai, then submit again.";

    /**
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param error what the service answered
     */
    public InsufficientCreditsException(String attempted, ServiceError error) {
        super(attempted, error, ADVICE);
    }
}
