package io.legnext.app.journal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.legnext.app.cli.CliContext;
import io.legnext.app.cli.LegnextCli;
import io.legnext.core.job.JobId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No paid job is lost: a real {@code legnext} process is killed (SIGKILL) while waiting, and {@code jobs resume}
 * picks its job up from the journal.
 */
class JournalCrashTest {

    static WireMockServer stub;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        stub = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @Test
    void aJobWhoseWaitWasKilledIsResumed() throws Exception {
        JobId id = JobId.random();
        String base = "http://127.0.0.1:" + stub.port();
        stub.stubFor(post(urlPathEqualTo("/api/v1/video-diffusion"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(task(id, "pending", "null"))));
        stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + id))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(task(id, "processing", "null"))));
        Map<String, String> env =
                Map.of("LEGNEXT_API_KEY", "test-key", "LEGNEXT_BASE_URL", base, "LEGNEXT_HOME", home.toString());

        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LegnextCli.class.getName(),
                "video",
                "generate",
                "--prompt",
                "https://example.com/cat.jpg a cat walks",
                "--wait",
                "--poll-interval",
                "100ms");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(home.resolve("child.log").toFile());
        Process child = pb.start();
        try {
            FileJobJournal journal = new FileJobJournal(home, base, Clock.systemUTC());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Mid-wait: the job is journaled and the child has polled it at least twice.
            while ((journal.find(id).isEmpty()
                            || stub.findAll(getRequestedFor(urlPathEqualTo("/api/v1/job/" + id)))
                                            .size()
                                    < 2)
                    && System.nanoTime() < deadline) {
                assertThat(child.isAlive()).as(() -> log()).isTrue();
                Thread.sleep(50);
            }
            assertThat(journal.find(id)).as(() -> log()).isPresent();
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(child.exitValue()).isNotZero();

        stub.stubFor(
                get(urlPathEqualTo("/api/v1/job/" + id))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                task(
                                                        id,
                                                        "completed",
                                                        "[\"https://cdn.legnext.ai/temp/1.mp4\",\"https://cdn.legnext.ai/temp/2.mp4\","
                                                                + "\"https://cdn.legnext.ai/temp/3.mp4\",\"https://cdn.legnext.ai/temp/4.mp4\"]"))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = CliContext.of(env, new PrintWriter(out), new PrintWriter(err), false, home);

        int exit = LegnextCli.run(context, "jobs", "resume", "--poll-interval", "100ms", "--quiet");
        int again = LegnextCli.run(context, "jobs", "resume");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString().lines())
                .containsExactly(
                        "https://cdn.legnext.ai/temp/1.mp4",
                        "https://cdn.legnext.ai/temp/2.mp4",
                        "https://cdn.legnext.ai/temp/3.mp4",
                        "https://cdn.legnext.ai/temp/4.mp4");
        assertThat(again).isZero();
        assertThat(err.toString()).contains("nothing to resume");
        assertThat(new FileJobJournal(home, base, Clock.systemUTC())
                        .entry(id)
                        .orElseThrow()
                        .status())
                .isEqualTo("completed");
    }

    private String log() {
        try {
            return Files.readString(home.resolve("child.log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }

    private static String task(JobId id, String status, String urls) {
        return "{\"job_id\":\"" + id + "\",\"task_type\":\"video_diffusion\",\"status\":\"" + status + "\","
                + "\"output\":{\"video_urls\":" + urls + ",\"seed\":\"\",\"available_actions\":{}},"
                + "\"meta\":{\"created_at\":\"2025-10-21T10:51:46Z\",\"started_at\":\"\",\"ended_at\":\"\","
                + "\"usage\":{\"type\":\"point\",\"frozen\":480,\"consume\":0}},"
                + "\"error\":{\"code\":0,\"message\":\"\",\"raw_message\":\"\",\"detail\":null}}";
    }
}
