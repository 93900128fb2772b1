package io.legnext.core.domain;

/**
 * Rejected with HTTP 404: the job id is unknown to the service, or its record has expired.
 */
public final class NotFoundException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    /** The advice appended to every message of this kind. */
    public static final String ADVICE = "Check the job id; job records may expire a few days after the job ran.";

    /**
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param error what the service answered
     */
    public NotFoundException(String attempted, ServiceError error) {
        super(attempted, error, ADVICE);
    }
}
