package io.legnext.adapter.fake;

import io.legnext.core.error.AuthenticationException;
import io.legnext.core.error.ForbiddenException;
import io.legnext.core.error.InsufficientCreditsException;
import io.legnext.core.error.InvalidParametersException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceError;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.TaskType;
import java.time.Duration;

/**
 * The fake's refusals, as the HTTP adapter would raise them: the same exception types, each with the status, code,
 * message and raw body the real service sends (flat, wrapped or task-shaped, per the shared API notes).
 */
final class Rejections {

    static final String BAD_KEY_MESSAGE = "Failed to verify api key";
    static final String INVALID_MESSAGE = "Invalid request parameters";
    static final String NO_CREDITS_MESSAGE = "Insufficient credits, please top up your balance";
    static final String RATE_LIMIT_MESSAGE = "Too many requests, please try again later";
    static final String REFUSED_MESSAGE = "Sensitive content detected";
    static final String REFUSED_RAW_MESSAGE = "Banned prompt detected: please modify your prompt";
    static final String NOT_FOUND_MESSAGE = "Job not found";
    static final String UNAVAILABLE_MESSAGE = "Service temporarily unavailable";

    private Rejections() {}

    static AuthenticationException authentication(String attempted) {
        return new AuthenticationException(attempted, flatError(401, BAD_KEY_MESSAGE, ""));
    }

    static NotFoundException notFound(String attempted) {
        return new NotFoundException(attempted, wrappedError(404, NOT_FOUND_MESSAGE));
    }

    static InvalidParametersException invalid(String attempted, String rawMessage) {
        return new InvalidParametersException(attempted, flatError(400, INVALID_MESSAGE, rawMessage));
    }

    static InsufficientCreditsException insufficientCredits(String attempted, String rawMessage) {
        return new InsufficientCreditsException(attempted, flatError(402, NO_CREDITS_MESSAGE, rawMessage));
    }

    static RateLimitedException rateLimited(String attempted, Duration retryAfter) {
        return new RateLimitedException(attempted, flatError(429, RATE_LIMIT_MESSAGE, ""), retryAfter);
    }

    /** 429: the account already runs as many jobs as it may; {@code retryAfter} is when the earliest slot frees. */
    static RateLimitedException busy(String attempted, int limit, Duration retryAfter) {
        return new RateLimitedException(
                attempted,
                flatError(
                        429,
                        RATE_LIMIT_MESSAGE,
                        "the account already runs " + limit + " jobs, the most it may run at once"),
                retryAfter);
    }

    /**
     * 503: the persistent fake's files cannot be used. For a submit the record may have reached the log before the
     * failure (written, not forced), so it says the job may exist, as the HTTP adapter does after a lost answer.
     */
    static ServiceUnavailableException storeUnavailable(String attempted, FakeStoreException e, boolean submit) {
        return new ServiceUnavailableException(
                attempted + " failed: " + e.getMessage() + ".", 503, wrappedBody(503, UNAVAILABLE_MESSAGE), submit, e);
    }

    static ForbiddenException refused(String attempted, TaskType taskType, String rawMessage) {
        String body = TaskJson.rejection(taskType, 403, REFUSED_MESSAGE, rawMessage);
        return new ForbiddenException(attempted, new ServiceError(403, 403, REFUSED_MESSAGE, rawMessage, body));
    }

    /**
     * A 503 with the wrapped body; for a submit the job was created anyway (the worst case a client must handle),
     * for a lookup it is safe to retry.
     */
    static ServiceUnavailableException unavailable(String attempted, boolean submit) {
        String body = wrappedBody(503, UNAVAILABLE_MESSAGE);
        String advice = submit ? "" : " Lookups are safe to retry: try again in a few seconds.";
        return new ServiceUnavailableException(
                attempted + " failed: HTTP 503: " + UNAVAILABLE_MESSAGE + "." + advice, 503, body, submit, null);
    }

    static ServiceError flatError(int status, String message, String rawMessage) {
        JsonWriter w = new JsonWriter(128);
        w.beginObject()
                .member("code", status)
                .member("message", message)
                .member("raw_message", rawMessage)
                .name("detail")
                .nullValue()
                .endObject();
        return new ServiceError(status, status, message, rawMessage, w.toString());
    }

    static ServiceError wrappedError(int status, String message) {
        return new ServiceError(status, status, message, "", wrappedBody(status, message));
    }

    private static String wrappedBody(int status, String message) {
        JsonWriter w = new JsonWriter(64);
        w.beginObject()
                .name("error")
                .beginObject()
                .member("code", status)
                .member("message", message)
                .endObject()
                .endObject();
        return w.toString();
    }
}
