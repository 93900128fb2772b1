package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.legnext.core.error.LegnextException;
import io.legnext.core.error.ServiceRejectedException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.secret.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A canary key, the most verbose logging, every kind of outcome: the key must appear in no log line, no exception
 * (message, cause chain or stack trace) and no toString(), while it does reach the service.
 */
class SecretsTest {

    private static final String CANARY = "lk_CANARY_9f8e7d6c5b4a3210";

    private final Path log = Path.of(System.getProperty("legnext.test.httpLog"));
    private long logStart;

    @BeforeEach
    void stubAndMarkTheLog() throws Exception {
        StubLegnext.reset();
        logStart = Files.exists(log) ? Files.size(log) : 0;
    }

    @Test
    void theKeyIsSentButNeverLoggedThrownOrPrinted() throws Exception {
        JobId id = JobId.random();
        StubLegnext.stub(post("/api/v1/video-diffusion")
                .willReturn(json(200, Payloads.pending(id.toString(), "video_diffusion"))));
        StubLegnext.stub(get("/api/v1/job/" + id).willReturn(json(200, Payloads.completedVideo(id.toString()))));
        StubLegnext.stub(get(urlMatching("/api/v1/job/.*"))
                .atPriority(9)
                .willReturn(json(404, Payloads.flatError(404, "job not found"))));
        StubLegnext.stub(post("/api/v1/extend-video")
                .willReturn(json(401, Payloads.flatError(401, "Failed to verify api key"))));
        StubLegnext.stub(post("/api/v1/video-upscale")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        StubLegnext.stub(get("/api/account/balance").willReturn(json(503, "<html>down</html>")));
        ApiKey key = ApiKey.of(CANARY);
        LegnextHttpAdapter adapter = LegnextHttpAdapter.builder(key)
                .baseUri(StubLegnext.baseUri())
                .sleeper(d -> {})
                .logLevel(LegnextHttpAdapter.LogLevel.FULL)
                .build();

        List<String> printed = new ArrayList<>();
        printed.add(key.toString());
        printed.add(adapter.toString());
        adapter.generate(TextToVideo.of("a canary in a coal mine"));
        adapter.getJob(id);
        printed.add(adapter.getJob(id).toString());
        printed.add(render(attempt(() -> adapter.getJob(JobId.random()))));
        printed.add(render(attempt(() -> adapter.extend(ExtendVideo.of(id.toString(), 0)))));
        printed.add(render(attempt(() -> adapter.upscale(io.legnext.core.request.UpscaleVideo.of(id.toString(), 0)))));
        printed.add(render(attempt(adapter::getBalance)));

        String logged = newLogText();
        assertThat(logged)
                .as("the debug log of these calls")
                .contains("---> POST")
                .contains("<--- HTTP/1.1 200")
                .contains("a canary in a coal mine");
        assertThat(logged).doesNotContain(CANARY);
        assertThat(printed).noneSatisfy(text -> assertThat(text).contains(CANARY));
        assertThat(StubLegnext.requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader("x-api-key")).isEqualTo(CANARY));
    }

    @Test
    void aKeyTheServiceEchoesIsMaskedInEveryMessageRawBodyAndLogLine() throws Exception {
        // '+', '/' and '=' make the key's JSON-escaped and URL-encoded spellings differ from it.
        String key = "lk_ECHO+9f8e/7d6c=5b4a";
        String jsonEscaped = key.replace("/", "\\/");
        String urlEncoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        JobId failed = JobId.random();
        StubLegnext.stub(post("/api/v1/video-diffusion")
                .willReturn(json(
                        401,
                        "{\"code\":401,\"message\":" + "\"Failed to verify api key " + key + "\",\"raw_message\":\"key="
                                + urlEncoded + "\"}")));
        StubLegnext.stub(post("/api/v1/extend-video")
                .willReturn(json(
                        400,
                        "{\"code\":400,\"message\":" + "\"Invalid request parameters\",\"raw_message\":\"x-api-key: "
                                + jsonEscaped + "\"}")));
        StubLegnext.stub(post("/api/v1/video-upscale")
                .willReturn(json(500, "<html>upstream said key=" + urlEncoded + "</html>")));
        StubLegnext.stub(get("/api/v1/job/" + failed)
                .willReturn(json(
                        200,
                        Payloads.failed(failed.toString(), 10001, "refused for key " + jsonEscaped)
                                .replace("upstream refused", "key=" + urlEncoded))));
        StubLegnext.stub(
                get(urlMatching("/api/v1/job/.*")).atPriority(9).willReturn(json(200, Payloads.completedVideo(key))));
        StubLegnext.stub(get("/api/account/balance")
                .willReturn(json(200, Payloads.balance())
                        .withHeader("X-Echo", key)
                        .withHeader("X-Echo-Encoded", urlEncoded)));
        LegnextHttpAdapter adapter = LegnextHttpAdapter.builder(ApiKey.of(key))
                .baseUri(StubLegnext.baseUri())
                .sleeper(d -> {})
                .lookupRetry(RetryPolicy.NONE)
                .logLevel(LegnextHttpAdapter.LogLevel.FULL)
                .build();

        List<Throwable> thrown = List.of(
                attempt(() -> adapter.generate(TextToVideo.of("a canary in a coal mine"))),
                attempt(() -> adapter.extend(ExtendVideo.of(failed.toString(), 0))),
                attempt(() -> adapter.upscale(UpscaleVideo.of(failed.toString(), 0))),
                attempt(() -> adapter.getJob(JobId.random())));
        Job failedJob = adapter.getJob(failed);
        adapter.getBalance();

        List<String> shown = new ArrayList<>();
        for (Throwable t : thrown) {
            LegnextException e = (LegnextException) t;
            shown.add(render(e));
            shown.add(e.rawBody().orElse(""));
            if (e instanceof ServiceRejectedException rejected) {
                shown.add(rejected.error().toString());
            }
        }
        shown.add(failedJob.toString());
        shown.add(failedJob.failure().orElseThrow().describe());
        shown.add(newLogText());
        assertThat(shown).allSatisfy(text -> assertThat(text).doesNotContain(key, jsonEscaped, urlEncoded));
        assertThat(thrown.get(0)).hasMessageContaining("Failed to verify api key " + Redactor.MASK);
        assertThat(failedJob.failure().orElseThrow().message()).isEqualTo("refused for key " + Redactor.MASK);
        assertThat(newLogText()).containsIgnoringCase("X-Echo: " + Redactor.MASK);
    }

    @Test
    void anApiKeyRejectedForItsCharactersIsNotEchoed() {
        Throwable t = attempt(() -> ApiKey.of("lk secret with spaces"));

        assertThat(t).isInstanceOf(IllegalArgumentException.class);
        assertThat(render(t)).doesNotContain("secret with spaces");
    }

    private String newLogText() throws Exception {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) logStart, all.length - (int) logStart, StandardCharsets.UTF_8);
    }

    private static Throwable attempt(Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("the call was expected to fail");
    }

    private static Throwable attempt(java.util.function.Supplier<?> call) {
        Object[] answer = new Object[1];
        return attempt((Runnable) () -> answer[0] = call.get());
    }

    private static String render(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out + " " + t;
    }
}
