package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.event.ApiOperation;
import io.legnext.core.event.HttpAttempt;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.recording.RecordingListener;
import io.legnext.core.job.JobId;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP attempt is heard, against a stub on 127.0.0.1: what was called, which attempt, how long it took (on a
 * scripted nanosecond source, so exactly), the status or the failure in words, and whether and when it is retried;
 * retries are logged at WARN.
 */
class HttpAttemptEventsTest {

    private static final String JOB_PATH = "/api/v1/job/";
    /** Every reading of the scripted nanosecond source is 40 ms after the one before: each attempt takes 40 ms. */
    private static final Duration TICK = Duration.ofMillis(40);

    private final JobId id = JobId.random();
    private final VirtualSleeper time = new VirtualSleeper();
    private final AtomicLong nanos = new AtomicLong();
    private final RecordingListener heard = new RecordingListener();
    private final Path log = Path.of(System.getProperty("legnext.test.httpLog"));
    private long logStart;
    private LegnextHttpAdapter adapter;

    @BeforeEach
    void freshStub() throws Exception {
        StubLegnext.reset();
        logStart = Files.exists(log) ? Files.size(log) : 0;
        adapter = adapter(heard);
    }

    private LegnextHttpAdapter adapter(LegnextListener listener) {
        return StubLegnext.adapter()
                .clock(time)
                .sleeper(time)
                .listener(listener)
                .nanoTime(() -> nanos.getAndAdd(TICK.toNanos()))
                .build();
    }

    private List<HttpAttempt> attempts() {
        return heard.of(HttpAttempt.class);
    }

    @Test
    void aSuccessfulLookupIsOneAttemptWithItsStatusAndDuration() {
        StubLegnext.givenTask(id, Payloads.completedVideo(id.toString()));

        adapter.getJob(id);

        assertThat(attempts())
                .containsExactly(new HttpAttempt(
                        ApiOperation.JOB_LOOKUP,
                        1,
                        time.instant(),
                        TICK,
                        OptionalInt.of(200),
                        Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void aRetried503IsHeardAttemptByAttemptWithWhenTheNextOneIsDue() {
        stubOnceThen(
                "GET",
                JOB_PATH + id,
                json(503, Payloads.flatError(503, "Service Unavailable")),
                json(200, Payloads.completedVideo(id.toString())));
        Instant start = time.instant();

        adapter.getJob(id);

        // random() is 0.5: half of the first 0.5 s ceiling.
        assertThat(attempts()).hasSize(2);
        HttpAttempt first = attempts().get(0);
        assertThat(first.operation()).isEqualTo(ApiOperation.JOB_LOOKUP);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.at()).isEqualTo(start);
        assertThat(first.duration()).isEqualTo(TICK);
        assertThat(first.status()).hasValue(503);
        assertThat(first.failure())
                .hasValueSatisfying(f -> assertThat(f)
                        .startsWith("Looking up job " + id + " failed at the service")
                        .contains("Service Unavailable"));
        assertThat(first.retryDelay()).hasValue(Duration.ofMillis(250));
        assertThat(first.retryAt()).hasValue(start.plusMillis(250));
        HttpAttempt second = attempts().get(1);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.at()).isEqualTo(start.plusMillis(250));
        assertThat(second.status()).hasValue(200);
        assertThat(second.succeeded()).isTrue();
    }

    @Test
    void anAttemptThatGotNoAnswerHasNoStatusAndSaysWhatWentWrong() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        adapter = StubLegnext.adapter()
                .clock(time)
                .sleeper(time)
                .listener(heard)
                .baseUri(URI.create("http://127.0.0.1:" + closedPort))
                .build();

        assertThatThrownBy(() -> adapter.getJob(id)).isInstanceOf(ServiceUnavailableException.class);

        assertThat(attempts()).hasSize(RetryPolicy.LOOKUPS.maxAttempts()).allSatisfy(a -> {
            assertThat(a.status()).isEmpty();
            assertThat(a.failure()).hasValueSatisfying(f -> assertThat(f).contains("could not connect"));
        });
    }

    @Test
    void aSubmitThatMayHaveArrivedIsOneAttemptThatSaysItIsNotRetried() {
        StubLegnext.stub(
                post("/api/v1/video-diffusion").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .isInstanceOf(ServiceUnavailableException.class);

        assertThat(attempts()).singleElement().satisfies(a -> {
            assertThat(a.operation()).isEqualTo(ApiOperation.GENERATE);
            assertThat(a.willRetry()).isFalse();
            assertThat(a.failure()).isPresent();
        });
    }

    @Test
    void eachCallIsNamedByWhatItDoes() {
        StubLegnext.stub(post("/api/v1/video-diffusion")
                .willReturn(json(200, Payloads.pending(id.toString(), "video_diffusion"))));
        StubLegnext.stub(
                post("/api/v1/extend-video").willReturn(json(200, Payloads.pending(id.toString(), "extend_video"))));
        StubLegnext.stub(
                post("/api/v1/video-upscale").willReturn(json(200, Payloads.pending(id.toString(), "video_upscale"))));
        StubLegnext.givenTask(id, Payloads.completedVideo(id.toString()));
        StubLegnext.stub(get("/api/account/balance").willReturn(json(200, Payloads.balance())));

        adapter.generate(TextToVideo.of("a harbour at night"));
        adapter.extend(ExtendVideo.of(id.toString(), 0));
        adapter.upscale(UpscaleVideo.of(id.toString(), 0));
        adapter.getJob(id);
        adapter.getBalance();

        assertThat(attempts())
                .extracting(HttpAttempt::operation)
                .containsExactly(
                        ApiOperation.GENERATE,
                        ApiOperation.EXTEND,
                        ApiOperation.UPSCALE,
                        ApiOperation.JOB_LOOKUP,
                        ApiOperation.BALANCE);
        assertThat(attempts()).allSatisfy(a -> assertThat(a.status()).hasValue(200));
    }

    @Test
    void eachRetryAndTheFinalFailureAreLoggedAtWarnWithWhatFailedAndWhenItIsTriedAgain() throws Exception {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(503, Payloads.flatError(503, "Service Unavailable"))));
        Instant start = time.instant();

        assertThatThrownBy(() -> adapter.getJob(id)).isInstanceOf(ServiceUnavailableException.class);

        assertThat(attempts()).extracting(HttpAttempt::willRetry).containsExactly(true, true, true, false);
        List<String> lines =
                newLogLines().stream().filter(l -> l.contains(id.toString())).toList();
        assertThat(lines)
                .hasSize(4)
                .allSatisfy(l -> assertThat(l)
                        .contains("WARN " + RetryingExecutor.LOGGER_NAME + " - legnext job_lookup")
                        .contains("Looking up job " + id + " failed at the service"));
        assertThat(lines.get(0))
                .contains("attempt 1 of 4 failed; retrying in 250 ms (at " + start.plusMillis(250) + ")");
        assertThat(lines.get(2)).contains("attempt 3 of 4 failed; retrying in 1.0 s");
        assertThat(lines.get(3)).contains("failed after 4 attempts; giving up");
    }

    @Test
    void aRetryLogLineNeverShowsTheKeyEvenWhenTheServiceEchoesIt() throws Exception {
        StubLegnext.stub(get(JOB_PATH + id)
                .willReturn(json(503, Payloads.flatError(503, "overloaded for key " + StubLegnext.VALID_KEY))));

        assertThatThrownBy(() -> adapter.getJob(id)).isInstanceOf(ServiceUnavailableException.class);

        List<String> lines =
                newLogLines().stream().filter(l -> l.contains(id.toString())).toList();
        assertThat(lines)
                .isNotEmpty()
                .allSatisfy(l ->
                        assertThat(l).contains("overloaded for key [redacted]").doesNotContain(StubLegnext.VALID_KEY));
        assertThat(attempts())
                .allSatisfy(a -> assertThat(a.failure().orElseThrow()).doesNotContain(StubLegnext.VALID_KEY));
    }

    @Test
    void aCallThatFailsAtOnceWithoutRetryIsNotLogged() throws Exception {
        StubLegnext.stub(get(JOB_PATH + id).willReturn(json(404, Payloads.flatError(404, "job not found"))));

        assertThatThrownBy(() -> adapter.getJob(id)).isInstanceOf(RuntimeException.class);

        assertThat(attempts())
                .singleElement()
                .satisfies(a -> assertThat(a.status()).hasValue(404));
        assertThat(newLogLines())
                .noneSatisfy(l ->
                        assertThat(l).contains(RetryingExecutor.LOGGER_NAME).contains(id.toString()));
    }

    @Test
    void aFaultyListenerNeverBreaksACall() {
        StubLegnext.givenTask(id, Payloads.completedVideo(id.toString()));
        LegnextListener faulty = new LegnextListener() {
            @Override
            public void onHttpAttempt(HttpAttempt event) {
                throw new IllegalStateException("listener bug");
            }
        };

        assertThat(adapter(faulty).getJob(id).isCompleted()).isTrue();
        assertThat(StubLegnext.requestCount("GET", JOB_PATH)).isEqualTo(1);
    }

    @Test
    void durationsAreShownAsPeopleReadThem() {
        assertThat(RetryingExecutor.shown(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(RetryingExecutor.shown(Duration.ofMillis(999))).isEqualTo("999 ms");
        assertThat(RetryingExecutor.shown(Duration.ofMillis(1000))).isEqualTo("1.0 s");
        assertThat(RetryingExecutor.shown(Duration.ofSeconds(60))).isEqualTo("60.0 s");
    }

    private List<String> newLogLines() throws Exception {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) logStart, all.length - (int) logStart, StandardCharsets.UTF_8)
                .lines()
                .toList();
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
