package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.app.json.JobJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code legnext mock-server} as a real process: it prints its URL and key, serves a submit and a lookup over
 * loopback, refuses a wrong key, and stops cleanly (exit 0) on SIGINT, Ctrl-C's signal.
 */
class MockServerCommandTest {

    /** How long a failing run may take to show it; a passing one is done in a second or two. */
    private static final long PATIENCE_SECONDS = 60;

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();
    private final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void itPrintsItsUrlAndKeyServesThemAndStopsCleanlyOnSigint() throws Exception {
        Process p = start("mock-server", "--port", "0", "--speed", "10000");
        String url = line().replaceFirst("^url ", "");
        String key = line().replaceFirst("^key ", "");
        assertThat(url).as(this::log).startsWith("http://127.0.0.1:");
        assertThat(key).startsWith("lk_mock_");

        HttpResponse<String> submitted = send(
                url,
                key,
                "POST",
                "/api/v1/video-diffusion",
                "{\"prompt\":\"https://example.com/cat.jpg a cat walks\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        String id = JobJson.MAPPER.readTree(submitted.body()).get("job_id").asText();
        HttpResponse<String> found = send(url, key, "GET", "/api/v1/job/" + id, null);
        HttpResponse<String> wrongKey = send(url, "lk_wrong_key", "GET", "/api/v1/job/" + id, null);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JobJson.MAPPER.readTree(found.body()).get("job_id").asText()).isEqualTo(id);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).doesNotContain("lk_wrong_key");

        signal(p, "INT");

        assertThat(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as(this::log).isTrue();
        assertThat(p.exitValue()).as(this::log).isZero();
        assertThat(log()).contains("legnext: mock Legnext listening on " + url).contains("mock server stopped");
    }

    @Test
    void aGivenKeyIsNeverPrintedAndWithJsonTheAnnouncementIsOneObject() throws Exception {
        String given = "lk_given_key_never_printed_7";
        Process p = start("--json", "mock-server", "--key", given, "--webhook-secret", "whsec_never_printed");
        JsonNode announced = JobJson.MAPPER.readTree(line());
        String url = announced.get("url").asText();

        assertThat(announced.get("key").isNull()).isTrue();
        assertThat(announced.get("keyGiven").asBoolean()).isTrue();
        assertThat(announced.get("admin").asText()).isEqualTo(url + "/__admin/");
        assertThat(send(url, given, "GET", "/api/account/balance", null).statusCode())
                .isEqualTo(200);
        assertThat(send(url, null, "GET", "/__admin/health", null).statusCode()).isEqualTo(200);

        signal(p, "INT");

        assertThat(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as(this::log).isTrue();
        assertThat(p.exitValue()).as(this::log).isZero();
        assertThat(log())
                .doesNotContain(given)
                .doesNotContain("whsec_never_printed")
                .contains("callbacks signed");
    }

    @Test
    void helpDescribesTheCommandAndBadOptionsAreUsageErrors(@TempDir Path dir) {
        CliHarness cli = new CliHarness(dir);

        CliHarness.Result help = cli.run("mock-server", "--help");
        CliHarness.Result speed = cli.run("mock-server", "--speed", "0");
        CliHarness.Result port = cli.run("mock-server", "--port", "70000");
        CliHarness.Result key = cli.run("mock-server", "--key", "has space");
        CliHarness.Result bind = cli.run("mock-server", "--bind", "not-an-address");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--port", "--bind", "--speed", "--key", "--webhook-secret", "/__admin/");
        assertThat(speed.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(speed.err()).contains("'--speed' must be between 1 and 10000, was 0.0");
        assertThat(port.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(port.err()).contains("'--port' must be between 0 and 65535, was 70000");
        assertThat(key.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(key.err())
                .contains("'--key' must be 1 to 256 visible ASCII characters")
                .doesNotContain("has space");
        assertThat(bind.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bind.err())
                .contains("'--bind' must be an IP address of this machine (or localhost), was" + " 'not-an-address'");
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LegnextCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove(Settings.API_KEY_ENV);
        pb.environment().remove(Settings.WEBHOOK_SECRET_ENV);
        pb.environment().put(Settings.HOME_ENV, home.toString());
        pb.redirectError(home.resolve("child.err").toFile());
        Process p = pb.start();
        started.add(p);
        CompletableFuture.runAsync(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        return p;
    }

    /** The next line the process printed on stdout; the bound only ends a run that would fail. */
    private String line() throws InterruptedException {
        String line = stdout.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(line).as(this::log).isNotNull();
        return line;
    }

    private HttpResponse<String> send(String url, String key, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("x-api-key", key);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private String log() {
        try {
            return "stderr: " + Files.readString(home.resolve("child.err")) + " stdout: " + stdout;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
