package io.legnext.adapter.feign;

/**
 * A 2xx answer that legnext cannot use (empty, not JSON, or breaking what the domain requires, such as a job id
 * that is not a UUID), carried with its status and raw body from the decoder to {@link ErrorTranslator}, which
 * words it for what was attempted.
 */
final class UnreadableAnswer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String rawBody;
    private final String expected;
    private final String problem;

    /**
     * @param status the HTTP status
     * @param rawBody the body, already redacted
     * @param expected what the body should have been, e.g. "a task"
     * @param problem what is wrong with it, e.g. "'job_id' is 'abc', which is not a UUID"; already redacted
     */
    UnreadableAnswer(int status, String rawBody, String expected, String problem) {
        super("HTTP " + status + ": " + problem, null, false, false);
        this.status = status;
        this.rawBody = rawBody;
        this.expected = expected;
        this.problem = problem;
    }

    int status() {
        return status;
    }

    String rawBody() {
        return rawBody;
    }

    /** What the body should have been, e.g. "a task". */
    String expected() {
        return expected;
    }

    /** What is wrong with it. */
    String problem() {
        return problem;
    }
}
