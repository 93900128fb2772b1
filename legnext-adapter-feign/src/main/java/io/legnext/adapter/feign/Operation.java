package io.legnext.adapter.feign;

/**
 * What a call to the service does: decides how it is retried (a submit may create a paid job) and what a 404 to it
 * can mean (an unknown job, or a path the service does not have).
 */
enum Operation {

    /** A POST that names no earlier job: a 404 can only mean the path was not found. */
    SUBMIT(true, false),
    /** A POST that names an earlier job (animate, extend, upscale): a 404 may be the job or the path. */
    SUBMIT_NAMING_A_JOB(true, true),
    /** A GET of one job: a 404 means the job is unknown or its record expired. */
    JOB_LOOKUP(false, true),
    /** A GET of the account balance: a 404 can only mean the path was not found. */
    BALANCE(false, false);

    private final boolean submit;
    private final boolean namesAJob;

    Operation(boolean submit, boolean namesAJob) {
        this.submit = submit;
        this.namesAJob = namesAJob;
    }

    /** Whether this may create a paid job, and so must not be repeated once it may have arrived. */
    boolean isSubmit() {
        return submit;
    }

    /** Whether the request names a job that the service may not know. */
    boolean namesAJob() {
        return namesAJob;
    }
}
