package io.legnext.core.error;

/**
 * The service could not be reached or failed (5xx, timeout, broken connection); says whether a submit may have
 * reached it, in which case a job may exist and may be charged.
 */
public final class ServiceUnavailableException extends LegnextException {

    private static final long serialVersionUID = 1L;

    /** Appended when a submit may have reached the service, so that nobody re-sends it blindly. */
    public static final String MAY_EXIST_ADVICE = "The job may have been created and charged even so: do not submit it"
            + " again blindly. Check the account balance for newly frozen points, the callback URL if you gave one, or"
            + " the Legnext dashboard, before retrying.";

    private final boolean submitMayHaveReachedService;

    /**
     * @param message what was attempted and what happened
     * @param httpStatus the HTTP status when a response arrived, else null
     * @param rawBody the raw body when a response arrived, else null
     * @param submitMayHaveReachedService true when the request was a submit that may have created a job
     * @param cause the underlying I/O error, if any
     */
    public ServiceUnavailableException(
            String message, Integer httpStatus, String rawBody, boolean submitMayHaveReachedService, Throwable cause) {
        super(submitMayHaveReachedService ? message + " " + MAY_EXIST_ADVICE : message, httpStatus, rawBody, cause);
        this.submitMayHaveReachedService = submitMayHaveReachedService;
    }

    /** True when this was a submit that may have reached the service: a job may exist and may be charged. */
    public boolean submitMayHaveReachedService() {
        return submitMayHaveReachedService;
    }
}
