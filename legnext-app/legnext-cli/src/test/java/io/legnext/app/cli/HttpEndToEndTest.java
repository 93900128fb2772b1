package io.legnext.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import io.legnext.app.Legnext;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.WaitOptions;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line over the HTTP adapter against a stub Legnext on 127.0.0.1: the whole path, key and all. */
class HttpEndToEndTest {

    /** A key that must never show up in any output. */
    static final String KEY = "lk-live-7Hq2ZpX9sEcReT0nEvErPrInT";

    @TempDir
    Path home;

    WireMockServer stub;
    CliHarness cli;
    String base;

    @BeforeEach
    void setUp() {
        stub = StubService.get();
        base = "http://127.0.0.1:" + stub.port();
        cli = CliHarness.onStub(stub, home, KEY);
    }

    CliHarness.Result run(String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.out() + r.err())
                .as("the API key leaked")
                .doesNotContain(KEY)
                .doesNotContain(KEY.substring(8));
        return r;
    }

    void stubSubmit(JobId id) {
        stub.stubFor(post(urlPathEqualTo("/api/v1/video-diffusion"))
                .withHeader("x-api-key", equalTo(KEY))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(TaskBodies.pending(id))));
    }

    void stubJob(JobId id, String... bodies) {
        String state = STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = i + 1 < bodies.length ? "poll-" + (i + 1) : state;
            stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + id))
                    .inScenario("job " + id)
                    .whenScenarioStateIs(state)
                    .willSetStateTo(next)
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(bodies[i])));
            state = next;
        }
    }

    @Test
    void generatesWaitsAndDownloadsOverHttp() throws Exception {
        JobId id = JobId.random();
        stubSubmit(id);
        stubJob(id, TaskBodies.processing(id), TaskBodies.completed(id, base));
        for (int i = 0; i < 4; i++) {
            stub.stubFor(get(urlPathEqualTo("/temp/" + id + "_" + i + ".mp4"))
                    .willReturn(aResponse().withStatus(200).withBody(("video " + i + " ").repeat(5000))));
        }
        Path dir = home.resolve("videos");

        CliHarness.Result r = run(
                "video",
                "generate",
                "--prompt",
                "https://example.com/cat.jpg a cat walks",
                "--quality",
                "720p",
                "--download",
                dir.toString(),
                "--poll-interval",
                "100ms",
                "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode job = r.json();
        assertThat(job.get("jobId").asText()).isEqualTo(id.toString());
        assertThat(job.get("videoUrls")).hasSize(4);
        assertThat(job.get("usage").get("consumed").asInt()).isEqualTo(480);
        assertThat(job.get("files")).hasSize(4);
        assertThat(dir.resolve(id + "_3.mp4")).hasContent(("video 3 ").repeat(5000));
        assertThat(r.err()).doesNotContain("fake");
        stub.verify(
                1,
                postRequestedFor(urlPathEqualTo("/api/v1/video-diffusion"))
                        .withRequestBody(
                                matchingJsonPath("$.prompt", equalTo("https://example.com/cat.jpg a cat walks")))
                        .withRequestBody(matchingJsonPath("$.videoType", equalTo("1"))));
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().contains(".part"));
        }
    }

    @Test
    void getsAJobAndTheBalance() {
        JobId id = JobId.random();
        stubJob(id, TaskBodies.completed(id, base));
        stub.stubFor(get(urlPathEqualTo("/api/account/balance"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":200,\"message\":\"success\","
                                + "\"data\":{\"account_id\":\"acct-1\",\"balance_usd\":12.5,\"available_credits\":500,"
                                + "\"available_points\":12000,\"alert_threshold\":5,\"low_balance_alert\":false,"
                                + "\"updated_at\":\"2025-10-21T10:51:46.123456789Z\"}}")));

        CliHarness.Result job = run("job", "get", id.toString());
        CliHarness.Result balance = run("balance", "--json");

        assertThat(job.exit()).isZero();
        assertThat(job.out()).contains("completed").contains("video 3");
        assertThat(balance.json().get("accountId").asText()).isEqualTo("acct-1");
        assertThat(balance.json().get("availablePoints").asLong()).isEqualTo(12000);
    }

    @Test
    void aWrongKeyExitsThreeWithoutEverPrintingTheKeyEvenWhenVerbose() {
        stub.stubFor(post(urlPathEqualTo("/api/v1/video-diffusion"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":401,\"message\":\"Failed to"
                                + " verify api key\",\"raw_message\":\"\",\"detail\":null}")));

        CliHarness.Result r = run("video", "generate", "--prompt", "a cat", "--verbose");

        assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err()).contains("401");
    }

    @Test
    void anUnknownJobExitsThree() {
        stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + JobId.random()))
                .willReturn(aResponse().withStatus(404)));
        JobId unknown = JobId.random();
        stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + unknown))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"code\":404,\"message\":\"job not found\",\"raw_message\":\"\",\"detail\":null}")));

        CliHarness.Result r = run("job", "get", unknown.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err()).doesNotContain("fake adapter");
    }

    @Test
    void aServerErrorOnSubmitExitsSixAndIsNotResent() {
        stub.stubFor(post(urlPathEqualTo("/api/v1/video-diffusion"))
                .willReturn(aResponse().withStatus(502)));

        CliHarness.Result r = run("video", "generate", "--prompt", "a cat");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.err()).contains("do not submit it again blindly");
        stub.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/video-diffusion")));
    }

    @Test
    void invalidParametersFromTheServiceExitThree() {
        stub.stubFor(post(urlPathEqualTo("/api/v1/video-diffusion"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":400,\"message\":\"Invalid"
                                + " request parameters\",\"raw_message\":\"prompt must start with an image url\","
                                + "\"detail\":null}")));

        CliHarness.Result r = run("video", "generate", "--prompt", "text only");

        assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err()).contains("prompt must start with an image url");
    }

    @Test
    void aJobThatFailsExitsFourWithTheServicesReason() {
        JobId id = JobId.random();
        stubSubmit(id);
        stubJob(id, TaskBodies.failed(id));

        CliHarness.Result r = run("video", "generate", "--prompt", "a cat", "--wait", "--poll-interval", "100ms");

        assertThat(r.exit()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(r.out()).contains("failed").contains("render failed");
        assertThat(r.err()).contains("render failed");
    }

    @Test
    void anUnreachableServiceExitsSix() {
        cli.env.put(Settings.BASE_URL_ENV, "http://127.0.0.1:1");

        CliHarness.Result r = run("balance");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    /** The job's lookups answer 503 (with {@code Retry-After: 0}, so an in-adapter retry would be instant), then the job. */
    void stubUnavailableThenCompleted(JobId id) {
        stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + id))
                .inScenario("outage " + id)
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("up")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
        stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + id))
                .inScenario("outage " + id)
                .whenScenarioStateIs("up")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(TaskBodies.completed(id, base))));
    }

    @Test
    void aWaitsLookupOnTheSchedulerIsOneRequestTheWaiterRetriesOnItsOwnSchedule() {
        JobId id = JobId.random();
        stubUnavailableThenCompleted(id);
        VirtualTime time = new VirtualTime();
        try (Legnext legnext = Legnext.builder()
                .http(KEY)
                .baseUri(java.net.URI.create(base))
                .scheduler(time)
                .build()) {
            CompletableFuture<Job> done = legnext.waitFor(id, WaitOptions.defaults());

            time.advance(Duration.ZERO); // the first lookup, on the scheduler: 503

            stub.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/job/" + id)));
            assertThat(done).isNotDone();

            time.advance(Duration.ofMinutes(5)); // the waiter's own retry

            assertThat(done).isCompletedWithValueMatching(Job::isCompleted);
            stub.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/job/" + id)));
        }
    }

    @Test
    void aDirectLookupStillRetriesInsideTheAdapter() {
        JobId id = JobId.random();
        stubUnavailableThenCompleted(id);

        CliHarness.Result r = run("job", "get", id.toString(), "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("status").asText()).isEqualTo("completed");
        stub.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/job/" + id)));
    }

    @Test
    void aSubmitIsTrackedAsInFlightUntilItsAnswerIsInTheJournal() throws Exception {
        JobId id = JobId.random();
        CompletableFuture<List<String>> during = new CompletableFuture<>();
        HttpServer service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/api/v1/video-diffusion", exchange -> {
            // The command waits for this very answer: what would an interrupt say now?
            during.complete(cli.inFlight.interruptLines());
            exchange.getRequestBody().readAllBytes();
            byte[] body = TaskBodies.pending(id).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
        try {
            cli.env.put(
                    Settings.BASE_URL_ENV,
                    "http://127.0.0.1:" + service.getAddress().getPort());

            CliHarness.Result r = run("video", "generate", "--prompt", "https://example.com/cat.jpg a cat walks");

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(during).as("the submit reached the service").isDone();
            assertThat(during.join())
                    .singleElement()
                    .asString()
                    .contains("legnext video generate")
                    .contains("may have been created and charged");
            assertThat(cli.inFlight.interruptLines()).isEmpty();
        } finally {
            service.stop(0);
        }
    }
}
