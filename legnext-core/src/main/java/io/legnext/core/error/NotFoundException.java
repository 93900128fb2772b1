package io.legnext.core.error;

import java.util.Objects;

/**
 * Rejected with HTTP 404: the job id is unknown to the service or its record has expired, or, for a call that names
 * no job, the path does not exist at the service; the advice says which fits what was attempted.
 */
public final class NotFoundException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    /** The advice for a 404 to a lookup of a job. */
    public static final String ADVICE = "Check the job id; job records may expire a few days after the job ran.";

    /**
     * A 404 to a lookup of a job, with {@link #ADVICE}.
     *
     * @param attempted what was attempted, e.g. "Looking up job 8201cd3e-..."
     * @param error what the service answered
     */
    public NotFoundException(String attempted, ServiceError error) {
        this(attempted, error, ADVICE);
    }

    /**
     * A 404 with advice that fits what was attempted, e.g. to check the base URL when a submit's path was not found.
     *
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param error what the service answered
     * @param advice what to do, one or more sentences
     */
    public NotFoundException(String attempted, ServiceError error, String advice) {
        super(attempted, error, Objects.requireNonNull(advice, "advice"));
    }
}
