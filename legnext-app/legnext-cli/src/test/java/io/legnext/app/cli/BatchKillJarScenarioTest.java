package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.fake.FakeTimings;
import io.legnext.core.time.VirtualTime;
import io.legnext.mock.LegnextMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch's done-when, as a user's machine sees it: {@code java -jar legnext.jar batch run FILE} (the build runs
 * this after packaging) against the mock Legnext over HTTP on 127.0.0.1, killed with {@code kill -9} at three moments
 * and run again each time until it finishes. Every item completes, and the service was sent exactly one POST per
 * item: no accepted job was ever submitted again.
 *
 * <p>The mock's fake runs in virtual time that only this test moves: while it stands still no job ends, so once the
 * process has its window full (three accepted, printed, nothing more to send until one ends) it is idle but for its
 * lookups, and the kill lands there whatever the machine's speed. Run alone during development
 * ({@code -Dtest=BatchKillJarScenarioTest}), without the jar, it starts the main class from the test class path.
 */
class BatchKillJarScenarioTest {

    private static final long PATIENCE_SECONDS = 180;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 8;
    /** Longer than a fake job lasts (three states of 20 s). */
    private static final Duration PAST_EVERY_JOB = Duration.ofSeconds(61);

    @TempDir
    Path home;

    private final VirtualTime time = new VirtualTime();
    private final AtomicInteger posts = new AtomicInteger();
    private LegnextMockServer server;

    @BeforeEach
    void startService() throws IOException {
        FakeLegnext fake = FakeLegnext.builder(time)
                .timings(FakeTimings.fixed(Duration.ofSeconds(20)))
                .build();
        server = LegnextMockServer.builder()
                .fake(fake)
                .listener(e -> {
                    if (e.method().equals("POST") && e.path().equals("/api/v1/video-diffusion") && e.status() == 200) {
                        posts.incrementAndGet();
                    }
                })
                .start();
    }

    @AfterEach
    void stopService() {
        server.close();
    }

    /** One {@code legnext} process, its output going to files the test reads while it runs. */
    private record Run(Process process, Path out, Path err) {
        String stderr() throws IOException {
            return Files.readString(err);
        }

        int accepted() throws IOException {
            return (int) stderr().lines()
                    .filter(l -> l.contains(" accepted as job "))
                    .count();
        }
    }

    private Run start(String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(CliProcess.command(args));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LEGNEXT_"));
        env.put(Settings.HOME_ENV, home.toString());
        env.put(Settings.API_KEY_ENV, server.key());
        env.put(Settings.BASE_URL_ENV, server.url().toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Run(pb.start(), out, err);
    }

    private Run batch(Path file) throws IOException {
        return start("batch", "run", file.toString(), "--concurrency", "3", "--poll-interval", "100ms", "--yes");
    }

    /** Waits for what the process printed or the service counted; bounded, so a hung process fails the test. */
    private static void awaitThat(Run run, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (!run.process().isAlive()) {
                throw new AssertionError("the process ended (exit "
                        + run.process().exitValue() + ") before " + what + "; stderr:\n" + run.stderr());
            }
            if (System.nanoTime() > deadline) {
                run.process().destroyForcibly();
                throw new AssertionError("never saw " + what + "; stderr:\n" + run.stderr());
            }
            Thread.sleep(20);
        }
    }

    private static void kill(Run run) throws InterruptedException {
        run.process().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye
        assertThat(run.process().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean quietly(Run run, int accepted) {
        try {
            return run.accepted() == accepted;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void killedThreeTimesAndRunAgainEveryItemCompletesWithOnePostEach() throws Exception {
        Path file = Files.writeString(
                home.resolve("shots.csv"),
                "key,prompt\n"
                        + IntStream.rangeClosed(1, ITEMS)
                                .mapToObj(i -> "shot-" + i + ",https://example.com/cat.jpg shot " + i)
                                .collect(Collectors.joining("\n"))
                        + "\n");

        // 1: killed with its first window accepted and nothing completed.
        Run first = batch(file);
        awaitThat(first, "three accepted", () -> posts.get() == 3 && quietly(first, 3));
        kill(first);

        // 2: the first three end while no process runs; the next run sees them complete, sends three more, is killed.
        time.advance(PAST_EVERY_JOB);
        Run second = batch(file);
        awaitThat(second, "three more accepted", () -> posts.get() == 6 && quietly(second, 3));
        kill(second);

        // 3: killed with the last two accepted and six completed.
        time.advance(PAST_EVERY_JOB);
        Run third = batch(file);
        awaitThat(third, "the last two accepted", () -> posts.get() == ITEMS && quietly(third, 2));
        kill(third);

        // 4: run to the end.
        time.advance(PAST_EVERY_JOB);
        Run last = batch(file);
        assertThat(last.process().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(last.process().exitValue()).as(last.stderr()).isZero();
        assertThat(Files.readString(last.out())).contains(ITEMS + " items: " + ITEMS + " completed");
        assertThat(last.accepted()).as("nothing was sent by the last run").isZero();

        assertThat(posts.get()).as("POSTs at the service").isEqualTo(ITEMS);

        Run status = start("--json", "batch", "status", file.toString());
        assertThat(status.process().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> items = new ArrayList<>();
        for (String line : Files.readAllLines(status.out())) {
            items.add(JSON.readTree(line));
        }
        assertThat(items)
                .hasSize(ITEMS)
                .allSatisfy(j -> assertThat(j.get("state").asText()).isEqualTo("completed"));
        assertThat(items.stream().map(j -> j.get("jobId").asText()).distinct()).hasSize(ITEMS);
    }
}
