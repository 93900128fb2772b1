package io.legnext.adapter.feign;

import feign.FeignException;
import io.legnext.core.domain.AuthenticationException;
import io.legnext.core.domain.ForbiddenException;
import io.legnext.core.domain.InsufficientCreditsException;
import io.legnext.core.domain.InvalidParametersException;
import io.legnext.core.domain.LegnextException;
import io.legnext.core.domain.NotFoundException;
import io.legnext.core.domain.RateLimitedException;
import io.legnext.core.domain.ServiceError;
import io.legnext.core.domain.ServiceUnavailableException;
import io.legnext.core.domain.UnexpectedResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where HTTP answers and transport failures become the core's exceptions: every message says what
 * was attempted, what came back, and what to do.
 */
final class ErrorTranslator {

    private final ErrorBodies bodies;
    private final Clock clock;
    private final URI baseUri;

    ErrorTranslator(ErrorBodies bodies, Clock clock, URI baseUri) {
        this.bodies = bodies;
        this.clock = clock;
        this.baseUri = baseUri;
    }

    /**
     * Translates whatever a call threw.
     *
     * @param failure what the Feign call threw
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param submit whether the call was a submit (a POST that may create a paid job)
     */
    LegnextException translate(Throwable failure, String attempted, boolean submit) {
        Throwable t = unwrap(failure);
        if (t instanceof UnexpectedResponseException unreadable && submit) {
            // A 2xx to a submit means the job exists and is charged, even when its answer cannot be read.
            return new ServiceUnavailableException(attempted + " was accepted (HTTP "
                    + unreadable.httpStatus().orElse(0) + ") but the answer could not be read: "
                    + unreadable.getMessage() + jobIdHint(unreadable.rawBody().orElse("")),
                    unreadable.httpStatus().isPresent() ? unreadable.httpStatus().getAsInt() : null,
                    unreadable.rawBody().orElse(null), true, unreadable);
        }
        if (t instanceof LegnextException legnext) {
            return legnext;
        }
        if (t instanceof HttpFailure http) {
            return fromStatus(http, attempted, submit);
        }
        if (t instanceof IOException io) {
            return fromIo(io, attempted, submit);
        }
        if (t instanceof UnresolvedAddressException) {
            return new ServiceUnavailableException(attempted + " failed: the host " + baseUri.getHost()
                    + " could not be resolved. Check the base URL and the network.", null, null, false, t);
        }
        return new ServiceUnavailableException(attempted + " failed: " + t, null, null, submit, t);
    }

    private static final Pattern JOB_ID = Pattern.compile(
            "\"job_id\"\\s*:\\s*\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"");

    /** The job id an unreadable body still names, so the user can follow the job that was created. */
    private static String jobIdHint(String rawBody) {
        Matcher m = JOB_ID.matcher(rawBody);
        return m.find() ? " The body names job " + m.group(1) + ": follow it with that id." : "";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        // Feign wraps I/O errors in RetryableException and decoder errors in DecodeException; look through them.
        while (t instanceof FeignException && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private LegnextException fromStatus(HttpFailure http, String attempted, boolean submit) {
        int status = http.status();
        ServiceError error = bodies.parse(status, http.rawBody());
        switch (status) {
            case 401:
                return new AuthenticationException(attempted, error);
            case 402:
                return new InsufficientCreditsException(attempted, error);
            case 403:
                return new ForbiddenException(attempted, error);
            case 404:
                return new NotFoundException(attempted, error);
            case 429:
                return new RateLimitedException(attempted, error,
                        http.retryAfter().flatMap(h -> RetryAfter.parse(h, clock.instant())).orElse(null));
            case 408:
                return new ServiceUnavailableException(attempted + " timed out at the service: " + error.describe()
                        + ".", status, http.rawBody(), submit, null);
            default:
                break;
        }
        if (status >= 500) {
            return new ServiceUnavailableException(attempted + " failed at the service: " + error.describe()
                    + ". The service is having trouble; try again in a minute.", status, http.rawBody(), submit, null);
        }
        if (status >= 400) {
            return new InvalidParametersException(attempted, error);
        }
        return new UnexpectedResponseException(attempted + " got an unexpected HTTP " + status + " from "
                + baseUri + ".", status, http.rawBody(), null);
    }

    private LegnextException fromIo(IOException io, String attempted, boolean submit) {
        if (io instanceof ConnectException || io instanceof HttpConnectTimeoutException
                || io instanceof UnknownHostException) {
            // Never connected: the request certainly did not reach the service.
            return new ServiceUnavailableException(attempted + " failed: could not connect to " + baseUri + " ("
                    + describe(io) + "). Check the base URL and the network.", null, null, false, io);
        }
        if (io instanceof HttpTimeoutException) {
            return new ServiceUnavailableException(attempted + " got no answer within the request timeout ("
                    + describe(io) + ").", null, null, submit, io);
        }
        return new ServiceUnavailableException(attempted + " failed: the connection broke (" + describe(io) + ").",
                null, null, submit, io);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
