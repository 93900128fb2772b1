package io.legnext.adapter.feign;

import feign.FeignException;
import io.legnext.core.error.AuthenticationException;
import io.legnext.core.error.ForbiddenException;
import io.legnext.core.error.InsufficientCreditsException;
import io.legnext.core.error.InvalidParametersException;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceError;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.error.UnexpectedResponseException;
import io.legnext.core.secret.Redactor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place where HTTP answers and transport failures become the core's exceptions: every message says what
 * was attempted, what came back or went wrong (in words, never an exception's class name), and what to do; every
 * message and raw body passes through the {@link Redactor}, since the service may echo the key.
 */
final class ErrorTranslator {

    private final ErrorBodies bodies;
    private final Clock clock;
    private final URI baseUri;
    private final Redactor redactor;
    /** The base URL as messages show it: never with credentials. */
    private final String shownBase;

    ErrorTranslator(ErrorBodies bodies, Clock clock, URI baseUri, Redactor redactor) {
        this.bodies = bodies;
        this.clock = clock;
        this.baseUri = baseUri;
        this.redactor = redactor;
        this.shownBase = Redactor.URL_CREDENTIALS.redact(baseUri.toString());
    }

    /**
     * Translates whatever a call threw.
     *
     * @param failure what the Feign call, or the reading of its answer, threw
     * @param attempted what was attempted, e.g. "Submitting a video-diffusion job"
     * @param operation what the call does: a submit may have created a paid job, and a 404 means what it names
     */
    LegnextException translate(Throwable failure, String attempted, Operation operation) {
        Throwable t = unwrap(failure);
        boolean submit = operation.isSubmit();
        if (t instanceof UnreadableAnswer unreadable) {
            return unreadable(unreadable, attempted, submit);
        }
        if (t instanceof HttpFailure http) {
            return fromStatus(http, attempted, operation);
        }
        if (t instanceof IOException io) {
            return fromIo(io, attempted, submit);
        }
        if (t instanceof UnresolvedAddressException) {
            return unknownHost(attempted, t);
        }
        // An InvalidRequestException says "Nothing was sent": untrue once the call has started, so it is not passed on.
        if (t instanceof LegnextException legnext && !(t instanceof InvalidRequestException)) {
            return legnext;
        }
        return new ServiceUnavailableException(
                shown(attempted + " failed inside legnext while talking to " + shownBase
                        + "; the cause is attached. This is a bug in legnext: please report it."),
                null,
                null,
                submit,
                t);
    }

    private LegnextException unreadable(UnreadableAnswer answer, String attempted, boolean submit) {
        String why = " as " + answer.expected() + ": " + answer.problem() + ".";
        if (submit) {
            // A 2xx to a submit means the job exists and is charged, even when its answer cannot be read.
            return new ServiceUnavailableException(
                    shown(attempted + " was accepted (HTTP " + answer.status() + ") but the answer could not be read"
                            + why + jobIdHint(answer.rawBody())),
                    answer.status(),
                    answer.rawBody(),
                    true,
                    null);
        }
        return new UnexpectedResponseException(
                shown(attempted + " got HTTP " + answer.status() + " with an answer that could not be read" + why),
                answer.status(),
                answer.rawBody(),
                null);
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

    private LegnextException fromStatus(HttpFailure http, String attempted, Operation operation) {
        int status = http.status();
        boolean submit = operation.isSubmit();
        String rawBody = redactor.redact(http.rawBody());
        ServiceError parsed = bodies.parse(status, http.rawBody());
        // Each text is redacted as parsed too: JSON escapes in the raw body can spell the key differently.
        ServiceError error = new ServiceError(
                status,
                parsed.code(),
                redactor.redact(parsed.message()),
                redactor.redact(parsed.rawMessage()),
                rawBody);
        String what = shown(attempted);
        switch (status) {
            case 401:
                return new AuthenticationException(what, error);
            case 402:
                return new InsufficientCreditsException(what, error);
            case 403:
                return new ForbiddenException(what, error);
            case 404:
                return new NotFoundException(what, error, notFoundAdvice(operation));
            case 429:
                return new RateLimitedException(
                        what,
                        error,
                        http.retryAfter()
                                .flatMap(h -> RetryAfter.parse(h, clock.instant()))
                                .orElse(null));
            case 408:
                return new ServiceUnavailableException(
                        what + " timed out at the service: " + error.describe() + ".", status, rawBody, submit, null);
            default:
                break;
        }
        if (status >= 500) {
            return new ServiceUnavailableException(
                    what + " failed at the service: " + error.describe()
                            + ". The service is having trouble; try again in a minute.",
                    status,
                    rawBody,
                    submit,
                    null);
        }
        if (status >= 400) {
            return new InvalidParametersException(what, error);
        }
        return new UnexpectedResponseException(
                what + " got an unexpected HTTP " + status + " from " + shownBase + ".", status, rawBody, null);
    }

    /** What a 404 means depends on what was asked: a job the service does not know, or a path it does not have. */
    private String notFoundAdvice(Operation operation) {
        String checkBase = "check the base URL, " + shownBase;
        if (!operation.namesAJob()) {
            return "The path was not found at the service: " + checkBase + ".";
        }
        if (!operation.isSubmit()) {
            return NotFoundException.ADVICE;
        }
        return "Either the job it names is unknown to the service (check the job id; job records may expire a few"
                + " days after the job ran) or the path was not found at the service (" + checkBase + ").";
    }

    private LegnextException fromIo(IOException io, String attempted, boolean submit) {
        if (io instanceof HttpConnectTimeoutException) {
            return notConnected(attempted, "connecting timed out", io);
        }
        if (io instanceof ConnectException) {
            return notConnected(attempted, connectProblem(io), io);
        }
        if (io instanceof UnknownHostException) {
            return unknownHost(attempted, io);
        }
        if (io instanceof SSLHandshakeException) {
            // The request is written only once the handshake has succeeded.
            return new ServiceUnavailableException(
                    shown(attempted + " failed: the TLS handshake with "
                            + baseUri.getHost() + " failed, so the request was not sent. Check the base URL ("
                            + shownBase
                            + "), any proxy in between, the trusted certificates and the system clock."),
                    null,
                    null,
                    false,
                    io);
        }
        if (io instanceof HttpTimeoutException || io instanceof SocketTimeoutException) {
            return new ServiceUnavailableException(
                    shown(attempted + " got no answer within the request timeout."), null, null, submit, io);
        }
        if (io instanceof JdkHttpClient.BodyTooLargeException tooLarge) {
            return new ServiceUnavailableException(
                    shown(attempted + " got an answer larger than " + tooLarge.limit()
                            + " bytes, more than legnext reads; it was not read."),
                    null,
                    null,
                    submit,
                    io);
        }
        if (io instanceof InterruptedIOException) {
            return new ServiceUnavailableException(
                    shown(attempted + " was interrupted while waiting for the answer."), null, null, submit, io);
        }
        return new ServiceUnavailableException(
                shown(attempted + " failed: " + brokenProblem(io) + "."), null, null, submit, io);
    }

    /** Never connected: the request certainly did not reach the service. */
    private ServiceUnavailableException notConnected(String attempted, String problem, Throwable cause) {
        return new ServiceUnavailableException(
                shown(attempted + " failed: could not connect to " + shownBase + " (" + problem
                        + "), so the request was not sent. Check the base URL and the network."),
                null,
                null,
                false,
                cause);
    }

    private ServiceUnavailableException unknownHost(String attempted, Throwable cause) {
        return new ServiceUnavailableException(
                shown(attempted + " failed: the host " + baseUri.getHost()
                        + " is unknown (its name could not be resolved), so the request was not sent. Check the base URL and"
                        + " the network."),
                null,
                null,
                false,
                cause);
    }

    /** Why a connection could not be made, from what the JDK says anywhere in the chain. */
    private static String connectProblem(Throwable t) {
        String said = chainMessages(t);
        if (said.contains("no route to host")) {
            return "there is no route to the host";
        }
        if (said.contains("network is unreachable")) {
            return "the network is unreachable";
        }
        if (said.contains("timed out")) {
            return "connecting timed out";
        }
        // The JDK's HTTP client says nothing more for a refusal, which its ConnectException documents as typical.
        return "the connection was refused";
    }

    /** Why a connection that was made failed, from what the JDK says anywhere in the chain. */
    private static String brokenProblem(Throwable t) {
        String said = chainMessages(t);
        if (inChain(t, SSLException.class)) {
            return "the secure connection failed";
        }
        if (said.contains("reset")) {
            return "the connection was reset";
        }
        if (said.contains("broken pipe")) {
            return "the connection was closed while the request was being sent";
        }
        if (inChain(t, EOFException.class)
                || said.contains("closed")
                || said.contains("eof")
                || said.contains("no bytes")) {
            return "the connection was closed before the answer was complete";
        }
        return "the connection failed";
    }

    private static String chainMessages(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null) {
                s.append(c.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        return s.toString();
    }

    private static boolean inChain(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private String shown(String message) {
        return redactor.redact(message);
    }
}
