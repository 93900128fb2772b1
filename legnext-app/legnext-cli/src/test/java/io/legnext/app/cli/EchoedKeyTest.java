package io.legnext.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.journal.SubmittedJob;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A service that echoes the key back, as raw text, JSON-escaped and URL-encoded, in every error and in a failed
 * job: the key must reach no output stream, no stack trace and no journal line, whatever the command.
 */
class EchoedKeyTest {

    /** Has a slash and a plus sign, so its JSON-escaped and URL-encoded spellings differ from the raw one. */
    static final String KEY = "lk-live/Ech0+ed-9f8e7d6c";

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
        String echo = "{\"code\":STATUS,\"message\":\"Failed to verify api key " + KEY + "\",\"raw_message\":\"key="
                + URLEncoder.encode(KEY, StandardCharsets.UTF_8) + " or " + KEY.replace("/", "\\/")
                + "\",\"detail\":null}";
        for (String path : new String[] {"/api/v1/video-diffusion", "/api/v1/extend-video", "/api/v1/video-upscale"}) {
            stub.stubFor(post(urlPathEqualTo(path))
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/json")
                            .withBody(echo.replace("STATUS", "400"))));
        }
        stub.stubFor(get(urlPathMatching("/api/v1/job/.*"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(echo.replace("STATUS", "404"))));
        stub.stubFor(get(urlPathEqualTo("/api/account/balance"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(echo.replace("STATUS", "401"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-v", "--json", "-q"})
    void aRefusedSubmitNeverShowsTheKey(String mode) {
        CliHarness.Result r = run(mode, "video", "generate", "--prompt", "https://example.com/cat.jpg a cat");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err()).contains("[redacted]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-v"})
    void aRefusedFollowUpNeverShowsTheKey(String mode) {
        CliHarness.Result r =
                run(mode, "video", "extend", "--job", JobId.random().toString(), "--video", "0");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-v", "--json"})
    void aLookupAndTheBalanceNeverShowTheKey(String mode) {
        assertThat(run(mode, "job", "get", JobId.random().toString()).exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(run(mode, "balance").exit()).isEqualTo(ExitCodes.REJECTED);
    }

    @Test
    void resumingAJobTheServiceForgotStoresNoKeyInTheJournal() throws Exception {
        JobId id = JobId.random();
        FileJobJournal journal = new FileJobJournal(home, base, Clock.systemUTC());
        journal.record(new SubmittedJob(
                id, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), Optional.empty(), Optional.empty(), 0, Instant.now()));

        CliHarness.Result r = run("", "jobs", "resume", "--poll-interval", "100ms");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
        assertThat(journal.entry(id).orElseThrow().isFinished()).isTrue();
        assertNoKeyIn(Files.readString(journal.file()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--json"})
    void aFailedJobWhoseErrorEchoesTheKeyIsShownAndStoredWithoutIt(String mode) throws Exception {
        JobId id = JobId.random();
        FileJobJournal journal = new FileJobJournal(home, base, Clock.systemUTC());
        journal.record(new SubmittedJob(
                id, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), Optional.empty(), Optional.empty(), 0, Instant.now()));
        stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + id))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(TaskBodies.failed(id).replace("render failed", "render failed for key " + KEY))));

        CliHarness.Result r = run(mode, "job", "get", id.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(r.out()).contains("render failed for key [redacted]");
        assertNoKeyIn(Files.readString(journal.file()));
        assertThat(journal.entry(id).orElseThrow().status()).isEqualTo("failed");
    }

    private CliHarness.Result run(String mode, String... args) {
        String[] all = args;
        if (!mode.isEmpty()) {
            all = new String[args.length + 1];
            all[0] = mode;
            System.arraycopy(args, 0, all, 1, args.length);
        }
        CliHarness.Result r = cli.run(all);
        assertNoKeyIn(r.out());
        assertNoKeyIn(r.err());
        return r;
    }

    private static void assertNoKeyIn(String text) {
        assertThat(text)
                .as("the API key leaked")
                .doesNotContain(KEY)
                .doesNotContain(KEY.replace("/", "\\/"))
                .doesNotContain(URLEncoder.encode(KEY, StandardCharsets.UTF_8))
                .doesNotContain("Ech0+ed");
    }
}
