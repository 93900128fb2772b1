package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.secret.Redactor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transport failure the JDK can report, described in words (never its class name) with the failure kept as
 * the cause, and a submit said to have possibly arrived exactly when a request may have gone out.
 */
class ErrorTranslatorTest {

    private static final String ATTEMPTED = "Submitting a video-diffusion job (text to video)";

    private final ErrorTranslator translator = new ErrorTranslator(
            new ErrorBodies(WireJson.mapper()),
            Clock.fixed(Instant.parse("2025-10-21T10:51:46Z"), ZoneOffset.UTC),
            URI.create("https://api.legnext.ai"),
            Redactor.of("lk_secret_key"));

    static Stream<Arguments> transportFailures() {
        return Stream.of(
                failure(
                        new ConnectException(),
                        "could not connect to https://api.legnext.ai (the connection was"
                                + " refused), so the request was not sent",
                        false),
                failure(new ConnectException("No route to host"), "(there is no route to the host)", false),
                failure(new HttpConnectTimeoutException("HTTP connect timed out"), "(connecting timed out)", false),
                failure(new UnknownHostException("api.legnext.ai"), "the host api.legnext.ai is unknown", false),
                failure(new UnresolvedAddressException(), "the host api.legnext.ai is unknown", false),
                failure(
                        new SSLHandshakeException("PKIX path building failed: sun.security.provider.certpath"
                                + ".SunCertPathBuilderException: unable to find valid certification path"),
                        "the TLS handshake with api.legnext.ai failed, so the request was not sent",
                        false),
                failure(
                        new HttpTimeoutException("request timed out"),
                        "got no answer within the request timeout",
                        true),
                failure(new IOException("Connection reset"), "failed: the connection was reset", true),
                failure(
                        new IOException(new SocketException("Connection reset by peer")),
                        "failed: the connection was reset",
                        true),
                failure(
                        new EOFException("EOF reached while reading"),
                        "the connection was closed before the answer was complete",
                        true),
                failure(
                        new IOException("Broken pipe"),
                        "the connection was closed while the request was being sent",
                        true),
                failure(new SSLException("Tag mismatch"), "failed: the secure connection failed", true),
                failure(
                        new InterruptedIOException("interrupted"),
                        "was interrupted while waiting for the answer",
                        true),
                failure(
                        new JdkHttpClient.BodyTooLargeException(4096, new IOException("aborted")),
                        "got an answer larger than 4096 bytes",
                        true),
                failure(
                        new IOException("java.nio.channels.ClosedChannelException"),
                        "failed: the connection was",
                        true));
    }

    private static Arguments failure(Throwable thrown, String words, boolean mayHaveArrived) {
        return Arguments.of(thrown, words, mayHaveArrived);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("transportFailures")
    void aSubmitsTransportFailureIsDescribedInWordsWithItsCause(
            Throwable thrown, String words, boolean mayHaveArrived) {
        LegnextException e = translator.translate(thrown, ATTEMPTED, Operation.SUBMIT);

        assertThat(e).isInstanceOf(ServiceUnavailableException.class).hasCause(thrown);
        assertThat(e.getMessage()).startsWith(ATTEMPTED).contains(words);
        PlainWords.assertNoClassName(e.getMessage());
        assertThat(((ServiceUnavailableException) e).submitMayHaveReachedService())
                .isEqualTo(mayHaveArrived);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("transportFailures")
    void aLookupsTransportFailureNeverSaysAJobMayHaveBeenCreated(
            Throwable thrown, String words, boolean mayHaveArrived) {
        LegnextException e = translator.translate(thrown, "Looking up job x", Operation.JOB_LOOKUP);

        assertThat(((ServiceUnavailableException) e).submitMayHaveReachedService())
                .isFalse();
        assertThat(e.getMessage()).contains(words).doesNotContain(ServiceUnavailableException.MAY_EXIST_ADVICE);
    }

    @Test
    void aFailureInsideLegnextIsNamedInWordsAndNeverSaysTheSubmitWasNotSent() {
        NullPointerException bug = new NullPointerException("Cannot invoke \"Task.getJobId()\" because it is null");

        LegnextException e = translator.translate(bug, ATTEMPTED, Operation.SUBMIT);

        assertThat(e).isInstanceOf(ServiceUnavailableException.class).hasCause(bug);
        assertThat(((ServiceUnavailableException) e).submitMayHaveReachedService())
                .isTrue();
        assertThat(e.getMessage()).contains("failed inside legnext").doesNotContain("getJobId");
        PlainWords.assertNoClassName(e.getMessage());
    }

    @Test
    void aLocalRuleBrokenOnceTheCallHasStartedIsNotReportedAsNothingSent() {
        InvalidRequestException late = new InvalidRequestException("job_id", "a UUID", "job-123");

        LegnextException e = translator.translate(late, ATTEMPTED, Operation.SUBMIT);

        assertThat(e.getMessage()).doesNotContain("Nothing was sent");
        assertThat(((ServiceUnavailableException) e).submitMayHaveReachedService())
                .isTrue();
    }
}
