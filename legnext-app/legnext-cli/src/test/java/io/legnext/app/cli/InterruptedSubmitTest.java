package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.core.job.JobId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code legnext} process gets SIGTERM (what Ctrl-C's SIGINT does too) around the service's answer to a
 * paid submit: the job must reach the journal and stderr, never be lost with the process.
 */
class InterruptedSubmitTest {

    /** How long a failing run may take to show it; a passing one is done in a second or two. */
    private static final long PATIENCE_SECONDS = 60;
    /** What a JVM ended by SIGTERM exits with. */
    private static final int SIGTERM_EXIT = 128 + 15;

    @TempDir
    Path home;

    HttpServer stub;
    final JobId id = JobId.random();
    final CompletableFuture<Process> child = new CompletableFuture<>();

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
        child.thenAccept(Process::destroyForcibly);
    }

    @Test
    void aSignalRightAfterTheAnswerWaitsForTheJournalAndNamesTheJob() throws Exception {
        stub.createContext("/api/v1/video-diffusion", exchange -> {
            // The answer is on the wire but for its last byte when the signal lands, and the rest follows once the
            // process has begun to shut down: it reads, decodes and journals the answer during the shutdown, on a
            // machine of any speed.
            answer(exchange, () -> {
                child.join().destroy();
                awaitLog("waiting up to " + LegnextCli.SUBMIT_GRACE.toSeconds() + " s for the service's answer");
            });
        });

        Process p = start();

        assertThat(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as(this::log).isTrue();
        assertThat(p.exitValue()).as(this::log).isEqualTo(SIGTERM_EXIT);
        assertThat(journal().find(id)).as(this::log).isPresent();
        // Named by the interrupt notice, or by the result line when the command got there during the shutdown.
        assertThat(log()).contains(id.toString());
    }

    @Test
    void aSignalBeforeTheAnswerWaitsBoundedForItAndNamesTheJob() throws Exception {
        stub.createContext("/api/v1/video-diffusion", exchange -> {
            child.join().destroy();
            // Answer only once the interrupted process says it waits for the answer.
            awaitLog("waiting up to " + LegnextCli.SUBMIT_GRACE.toSeconds() + " s for the service's answer");
            answer(exchange);
        });

        Process p = start();

        assertThat(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as(this::log).isTrue();
        assertThat(p.exitValue()).as(this::log).isEqualTo(SIGTERM_EXIT);
        assertThat(journal().find(id)).as(this::log).isPresent();
        assertThat(log()).contains("job " + id + " was accepted; it is in the journal");
    }

    @Test
    void aSignalWhileWaitingAfterTheSubmitNamesTheJournaledJob() throws Exception {
        stub.createContext("/api/v1/video-diffusion", this::answer);
        stub.createContext("/api/v1/job/", exchange -> {
            answer(exchange);
            child.join().destroy();
        });

        Process p = start("--wait", "--poll-interval", "100ms");

        assertThat(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as(this::log).isTrue();
        assertThat(p.exitValue()).as(this::log).isEqualTo(SIGTERM_EXIT);
        assertThat(journal().find(id)).isPresent();
        assertThat(log())
                .contains("interrupted while waiting for job " + id + ": it keeps running and is in the" + " journal");
    }

    private Process start(String... more) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LegnextCli.class.getName(),
                "video",
                "generate",
                "--prompt",
                "https://example.com/cat.jpg a cat walks"));
        command.addAll(java.util.List.of(more));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(Settings.API_KEY_ENV, "test-key");
        pb.environment().put(Settings.BASE_URL_ENV, base());
        pb.environment().put(Settings.HOME_ENV, home.toString());
        pb.redirectErrorStream(true).redirectOutput(home.resolve("child.log").toFile());
        Process p = pb.start();
        child.complete(p);
        return p;
    }

    private String base() {
        return "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    private FileJobJournal journal() {
        return new FileJobJournal(home, base(), Clock.systemUTC());
    }

    private void answer(HttpExchange exchange) throws IOException {
        answer(exchange, () -> {});
    }

    /** Answers the job as pending, doing {@code beforeTheLastByte} once all but the answer's last byte is sent. */
    private void answer(HttpExchange exchange, Runnable beforeTheLastByte) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = TaskBodies.pending(id).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, 0, body.length - 1);
            out.flush();
            beforeTheLastByte.run();
            out.write(body, body.length - 1, 1);
        }
    }

    /** Waits until the child's output holds {@code text}; the bound only ends a run that would fail. */
    private void awaitLog(String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!log().contains(text) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String log() {
        try {
            return Files.readString(home.resolve("child.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
