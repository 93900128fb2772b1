package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.legnext.core.error.AuthenticationException;
import io.legnext.core.error.ForbiddenException;
import io.legnext.core.error.InsufficientCreditsException;
import io.legnext.core.error.InvalidParametersException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceRejectedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.error.UnexpectedResponseException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault the service or the network can produce, each with the exception it becomes and the number of
 * requests that reached the stub: a submit is never sent twice once it may have arrived.
 */
class FaultMatrixTest {

    private static final String JOB_PATH = "/api/v1/job/";
    private static final String SUBMIT_PATH = "/api/v1/video-diffusion";

    private final JobId id = JobId.random();
    private final VirtualSleeper time = new VirtualSleeper();
    private LegnextHttpAdapter adapter;

    /** How this suite reaches the stub; a subclass runs it all again over another transport. */
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.PLAIN;
    }

    /** An adapter on the stub over {@link #transport()}. */
    LegnextHttpAdapter.Builder stubAdapter() {
        return StubLegnext.adapter(transport());
    }

    /** The stub's address over {@link #transport()}, on another port. */
    URI onPort(int port) {
        return URI.create(StubLegnext.baseUri(transport()).getScheme() + "://127.0.0.1:" + port);
    }

    @BeforeEach
    void freshStub() {
        StubLegnext.reset();
        adapter = stubAdapter().clock(time).sleeper(time).build();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of(
                        400, Payloads.flatError(400, "Invalid request parameters"), InvalidParametersException.class),
                Arguments.of(
                        400,
                        Payloads.wrappedError(400, "Invalid request parameters"),
                        InvalidParametersException.class),
                Arguments.of(401, Payloads.flatError(401, "Failed to verify api key"), AuthenticationException.class),
                Arguments.of(402, Payloads.flatError(402, "Insufficient balance"), InsufficientCreditsException.class),
                Arguments.of(
                        403, Payloads.taskShapedError(403, "sensitive content detected"), ForbiddenException.class),
                Arguments.of(404, Payloads.flatError(404, "job not found"), NotFoundException.class),
                Arguments.of(413, Payloads.flatError(413, "Payload too large"), InvalidParametersException.class),
                Arguments.of(422, Payloads.flatError(422, "Unprocessable entity"), InvalidParametersException.class));
    }

    @ParameterizedTest(name = "GET answered {0} -> {2}")
    @MethodSource("rejections")
    void aRejectedLookupBecomesItsTypedExceptionAfterOneRequest(
            int status, String body, Class<? extends ServiceRejectedException> expected) {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(status, body)));

        assertThatThrownBy(() -> adapter.getJob(id))
                .isInstanceOf(expected)
                .asInstanceOf(type(ServiceRejectedException.class))
                .satisfies(e -> {
                    assertThat(e.httpStatus()).hasValue(status);
                    assertThat(e.rawBody()).hasValue(body);
                    assertThat(e.serviceCode()).isEqualTo(status);
                    assertThat(e.serviceMessage()).isNotBlank();
                    assertThat(e.getMessage()).contains("Looking up job " + id).contains(e.serviceMessage());
                });
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(1);
    }

    @ParameterizedTest(name = "POST answered {0} -> {2}")
    @MethodSource("rejections")
    void aRejectedSubmitBecomesItsTypedExceptionAfterExactlyOnePost(
            int status, String body, Class<? extends ServiceRejectedException> expected) {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(json(status, body)));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .isInstanceOf(expected)
                .satisfies(e -> assertThat(((LegnextException) e).httpStatus()).hasValue(status));
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
    }

    @Test
    void theTaskShapedForbiddenBodyGivesTheReasonFromItsErrorObject() {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(json(403, Payloads.taskShapedError(10003, "sensitive content"))));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("something refused")))
                .asInstanceOf(type(ForbiddenException.class))
                .satisfies(e -> {
                    assertThat(e.serviceCode()).isEqualTo(10003);
                    assertThat(e.serviceMessage()).isEqualTo("sensitive content");
                    assertThat(e.error().rawMessage()).isEqualTo("sensitive word");
                });
    }

    @Test
    void rateLimitedLookupsHonourRetryAfterSecondsThenGiveUpAfterTheAttemptLimit() {
        StubLegnext.stub(get(JOB_PATH + id)
                .willReturn(
                        json(429, Payloads.flatError(429, "Too many requests")).withHeader("Retry-After", "3")));

        assertThatThrownBy(() -> adapter.getJob(id))
                .asInstanceOf(type(RateLimitedException.class))
                .satisfies(e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(3)));
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(RetryPolicy.LOOKUPS.maxAttempts());
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void rateLimitedLookupsWithoutRetryAfterBackOffExponentiallyWithJitter() {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(429, Payloads.flatError(429, "Too many requests"))));

        assertThatThrownBy(() -> adapter.getJob(id)).isInstanceOf(RateLimitedException.class);

        // random() is 0.5: half of the 0.5 s, 1 s and 2 s ceilings.
        assertThat(time.waits())
                .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(4);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String in7s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(time.instant().plusSeconds(7), java.time.ZoneOffset.UTC));
        stubOnceThenCompleted(
                "GET",
                JOB_PATH + id,
                json(429, Payloads.flatError(429, "slow down")).withHeader("Retry-After", in7s));

        Job job = adapter.getJob(id);

        assertThat(job.isCompleted()).isTrue();
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterBeyondTheCapIsClampedToIt() {
        stubOnceThenCompleted(
                "GET",
                JOB_PATH + id,
                json(429, Payloads.flatError(429, "slow down")).withHeader("Retry-After", "86400"));

        adapter.getJob(id);

        assertThat(time.waits()).containsExactly(RetryPolicy.LOOKUPS.maxRetryAfter());
    }

    @Test
    void retriesStopWhenTheNextWaitWouldPassTheDeadline() {
        adapter = stubAdapter()
                .clock(time)
                .sleeper(time)
                .lookupRetry(new RetryPolicy(
                        10,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(100)))
                .build();
        StubLegnext.stub(get(JOB_PATH + id)
                .willReturn(json(429, Payloads.flatError(429, "slow down")).withHeader("Retry-After", "45")));

        assertThatThrownBy(() -> adapter.getJob(id)).isInstanceOf(RateLimitedException.class);

        // 45 s + 45 s fit in 100 s; a third wait would end at 135 s.
        assertThat(time.waits()).hasSize(2);
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(3);
    }

    @ParameterizedTest(name = "GET answered {0}, then the job")
    @ValueSource(ints = {500, 502, 503, 408})
    void aLookupRidesOutATransientServerErrorWithOneRetry(int status) {
        stubOnceThenCompleted("GET", JOB_PATH + id, json(status, Payloads.flatError(status, "try later")));

        Job job = adapter.getJob(id);

        assertThat(job.isCompleted()).isTrue();
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(2);
        assertThat(time.waits()).hasSize(1);
    }

    @Test
    void aLookupThatKeepsFailingEndsAsServiceUnavailableWithStatusAndBody() {
        String html = "<html><body>502 Bad Gateway</body></html>";
        StubLegnext.stub(
                get(JOB_PATH + id).willReturn(aResponse().withStatus(502).withBody(html)));

        assertThatThrownBy(() -> adapter.getJob(id))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.httpStatus()).hasValue(502);
                    assertThat(e.rawBody()).hasValue(html);
                    assertThat(e.submitMayHaveReachedService()).isFalse();
                });
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(4);
    }

    @ParameterizedTest(name = "POST answered {0}")
    @ValueSource(ints = {500, 502, 503})
    void aSubmitAnsweredWithAServerErrorIsSentExactlyOnceAndSaysTheJobMayExist(int status) {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(json(status, Payloads.flatError(status, "internal error"))));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.submitMayHaveReachedService()).isTrue();
                    assertThat(e.httpStatus()).hasValue(status);
                    assertThat(e.getMessage()).contains("may have been created").contains("do not submit it");
                });
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void aRateLimitedSubmitIsRetriedBecauseNoJobWasCreated() {
        stubOnceThen(
                "POST",
                SUBMIT_PATH,
                json(429, Payloads.flatError(429, "Too many requests")).withHeader("Retry-After", "2"),
                json(200, Payloads.pending(id.toString(), "video_diffusion")));

        Job job = adapter.generate(TextToVideo.of("a harbour at night"));

        assertThat(job.id()).isEqualTo(id);
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(2);
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aSuccessfulAnswerThatIsNotJsonIsAnUnexpectedResponseKeptRaw() {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(200, "{\"job_id\": \"" + id + "\", \"status\": ")));

        assertThatThrownBy(() -> adapter.getJob(id))
                .asInstanceOf(type(UnexpectedResponseException.class))
                .satisfies(e -> {
                    assertThat(e.httpStatus()).hasValue(200);
                    assertThat(e.rawBody())
                            .hasValueSatisfying(b -> assertThat(b).startsWith("{\"job_id\""));
                });
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(1);
    }

    @Test
    void aSubmitAcceptedWithAnUnreadableAnswerSaysTheJobExistsAndNamesIt() {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(json(200, "{\"job_id\":\"" + id + "\",\"status\": ")));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.submitMayHaveReachedService()).isTrue();
                    assertThat(e.httpStatus()).hasValue(200);
                    assertThat(e.getMessage()).contains("was accepted").contains("job " + id);
                });
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
    }

    @Test
    void anAnswerLargerThanTheBodyLimitIsRefusedWithoutHoldingItAll() {
        adapter = stubAdapter()
                .clock(time)
                .sleeper(time)
                .lookupRetry(RetryPolicy.NONE)
                .build();
        StubLegnext.stub(get(JOB_PATH + id)
                .willReturn(json(200, "{\"pad\":\"" + "x".repeat(JdkHttpClient.MAX_BODY_BYTES) + "\"}")));

        assertThatThrownBy(() -> adapter.getJob(id))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("larger than " + JdkHttpClient.MAX_BODY_BYTES + " bytes");
    }

    @Test
    void aSuccessfulAnswerWithAnEmptyBodyIsAnUnexpectedResponse() {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> adapter.getJob(id))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("empty body");
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(1);
    }

    @Test
    void aSubmitAnsweredWithATaskWithoutJobIdIsAnUnexpectedResponse() {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(json(200, Payloads.taskShapedError(500, "internal"))));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .isInstanceOf(LegnextException.class)
                .hasMessageContaining("job_id");
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
    }

    @Test
    void aLookupSlowerThanTheRequestTimeoutIsRetriedThenReportedUnavailable() {
        adapter = slowAdapter();
        StubLegnext.stub(get(JOB_PATH + id)
                .willReturn(json(200, Payloads.completedVideo(id.toString())).withFixedDelay(1_000)));

        assertThatThrownBy(() -> adapter.getJob(id))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> assertThat(e.getMessage()).contains("request timeout"));
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(2);
    }

    @Test
    void aSubmitSlowerThanTheRequestTimeoutIsSentOnceAndSaysTheJobMayExist() {
        adapter = slowAdapter();
        StubLegnext.stub(post(SUBMIT_PATH)
                .willReturn(json(200, Payloads.pending(id.toString(), "video_diffusion"))
                        .withFixedDelay(1_000)));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> assertThat(e.submitMayHaveReachedService()).isTrue());
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
    }

    @Test
    void anAdapterWithoutLookupRetriesOverTheSameClientTriesOnceAndLeavesTheOriginalsRetries() {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(503, Payloads.flatError(503, "busy"))));
        LegnextHttpAdapter once = adapter.withLookupRetry(RetryPolicy.NONE);

        assertThatThrownBy(() -> once.getJob(id)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(1);
        assertThatThrownBy(() -> adapter.getJob(id)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(1 + RetryPolicy.LOOKUPS.maxAttempts());
    }

    @Test
    void aLookupWhoseConnectionIsResetIsRetried() {
        stubOnceThenCompleted("GET", JOB_PATH + id, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Job job = adapter.getJob(id);

        assertThat(job.isCompleted()).isTrue();
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(2);
    }

    @Test
    void aSubmitWhoseConnectionIsResetIsSentOnceAndSaysTheJobMayExist() {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> assertThat(e.submitMayHaveReachedService()).isTrue());
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
    }

    @Test
    void aSubmitThatCannotConnectIsRetriedBecauseItNeverLeftAndThenSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        adapter = stubAdapter()
                .clock(time)
                .sleeper(time)
                .baseUri(onPort(closedPort))
                .build();

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.submitMayHaveReachedService()).isFalse();
                    assertThat(e.getMessage()).contains("could not connect").doesNotContain("may have been created");
                });
        assertThat(time.waits()).hasSize(RetryPolicy.SUBMITS.maxAttempts() - 1);
    }

    /** 2xx bodies legnext cannot use: empty, JSON null, not an object, no usable job id, not JSON at all. */
    static Stream<String> unusableTasks() {
        return Stream.of(
                "",
                "null",
                "[1,2]",
                "{\"job_id\":\"job-123\",\"status\":\"pending\"}",
                "{\"job_id\":\"\",\"status\":\"pending\"}",
                "{\"status\":\"pending\"}",
                "{\"job_id\":42}",
                "{\"job_id\": ");
    }

    @ParameterizedTest(name = "GET answered 200 [{0}]")
    @MethodSource("unusableTasks")
    void aLookupAnsweredWithAnUnusableTaskIsAnUnexpectedResponseAfterOneRequest(String body) {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(200, body)));

        assertThatThrownBy(() -> adapter.getJob(id))
                .asInstanceOf(type(UnexpectedResponseException.class))
                .satisfies(e -> {
                    assertThat(e.httpStatus()).hasValue(200);
                    assertThat(e.rawBody()).hasValue(body);
                    assertThat(e.getMessage())
                            .startsWith("Looking up job " + id + " got HTTP 200")
                            .doesNotContain("Nothing was sent");
                    PlainWords.assertNoClassName(e.getMessage());
                });
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(1);
        assertThat(time.waits()).isEmpty();
    }

    @ParameterizedTest(name = "POST answered 200 [{0}]")
    @MethodSource("unusableTasks")
    void aSubmitAnsweredWithAnUnusableTaskSaysTheJobWasAcceptedAfterOnePost(String body) {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(json(200, body)));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.submitMayHaveReachedService()).isTrue();
                    assertThat(e.httpStatus()).hasValue(200);
                    assertThat(e.rawBody()).hasValue(body);
                    assertThat(e.getMessage())
                            .contains("was accepted (HTTP 200) but the answer could not be read")
                            .doesNotContain("Nothing was sent");
                    PlainWords.assertNoClassName(e.getMessage());
                });
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void aTaskWhoseJobIdIsNotAUuidNamesTheFieldAndItsValue() {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(200, Payloads.completedVideo("job-123"))));

        assertThatThrownBy(() -> adapter.getJob(id))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("'job_id' is 'job-123', which is not a UUID");
    }

    @Test
    void aSubmitAcceptedWithAFieldOfTheWrongKindNamesTheFieldItsValueAndTheJob() {
        StubLegnext.stub(post(SUBMIT_PATH)
                .willReturn(json(
                        200,
                        Payloads.pending(id.toString(), "video_diffusion")
                                .replace("\"frozen\":480", "\"frozen\":\"lots\""))));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("'meta.usage.frozen' is 'lots', which is not a whole number")
                        .contains("The body names job " + id));
        assertThat(StubLegnext.requestCount("POST", SUBMIT_PATH)).isEqualTo(1);
    }

    @Test
    void aBalanceWithoutDataIsAnUnexpectedResponseAfterOneRequest() {
        StubLegnext.stub(get("/api/account/balance").willReturn(json(200, "{\"code\":200,\"message\":\"success\"}")));

        assertThatThrownBy(adapter::getBalance)
                .asInstanceOf(type(UnexpectedResponseException.class))
                .satisfies(e -> {
                    assertThat(e.httpStatus()).hasValue(200);
                    assertThat(e.getMessage())
                            .startsWith("Reading the account balance got HTTP 200")
                            .contains("it has no 'data' object");
                });
        assertThat(StubLegnext.requestCount("GET", "/api/account/balance")).isEqualTo(1);
    }

    @Test
    void aTextPromptStartingWithAnImageUrlIsNamedImageUrlToVideo() {
        StubLegnext.stub(post(SUBMIT_PATH).willReturn(json(500, Payloads.flatError(500, "internal error"))));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("https://example.com/cat.jpg a cat walking")))
                .hasMessageStartingWith("Submitting a video-diffusion job (image URL to video)");
    }

    @Test
    void aRefusedConnectionIsDescribedInWordsWithTheFailureAsItsCause() throws Exception {
        adapter = stubAdapter()
                .clock(time)
                .sleeper(time)
                .lookupRetry(RetryPolicy.NONE)
                .baseUri(onPort(closedPort()))
                .build();

        assertThatThrownBy(() -> adapter.getJob(id))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.getMessage())
                            .contains("the connection was refused")
                            .contains("was not sent");
                    PlainWords.assertNoClassName(e.getMessage());
                    assertThat(e).hasCauseInstanceOf(ConnectException.class);
                });
    }

    @Test
    void aResetConnectionIsDescribedInWordsWithTheFailureAsItsCause() {
        adapter = stubAdapter()
                .clock(time)
                .sleeper(time)
                .lookupRetry(RetryPolicy.NONE)
                .build();
        StubLegnext.stub(get(JOB_PATH + id).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.getJob(id))
                .asInstanceOf(type(ServiceUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("Looking up job " + id + " failed: the connection was");
                    PlainWords.assertNoClassName(e.getMessage());
                    assertThat(e).hasCauseInstanceOf(IOException.class);
                });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private LegnextHttpAdapter slowAdapter() {
        return stubAdapter()
                .clock(time)
                .sleeper(time)
                .requestTimeout(Duration.ofMillis(250))
                .lookupRetry(new RetryPolicy(
                        2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5)))
                .build();
    }

    private void stubOnceThenCompleted(String method, String url, ResponseDefinitionBuilder first) {
        stubOnceThen(method, url, first, json(200, Payloads.completedVideo(id.toString())));
    }

    /** The first request gets {@code first}, every later one {@code then}. */
    private static void stubOnceThen(
            String method, String url, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        String scenario = method + " " + url;
        StubLegnext.stub(request(method, urlEqualTo(url))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first)
                .willSetStateTo("answered"));
        StubLegnext.stub(request(method, urlEqualTo(url))
                .inScenario(scenario)
                .whenScenarioStateIs("answered")
                .willReturn(then));
    }
}
