package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes over one store: one killed with SIGKILL in the middle of its submits, two submitting at once. */
class StoreProcessesTest {

    /** Points each store starts with: far more than the jobs below cost. */
    static final long POINTS = 100_000_000;
    /** Only bounds a run that would fail; a passing one is done in seconds. */
    private static final long PATIENCE_SECONDS = 120;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    private Process start(int count) throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                StoreChild.class.getName(),
                dir.resolve("fake").toString(),
                Integer.toString(count));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private static FakeLegnext open(Path store) {
        return FakeLegnext.builder(new VirtualTime())
                .persistentIn(store)
                .unlimitedConcurrentJobs()
                .build();
    }

    @Test
    void aProcessKilledMidStreamLosesNoJobItReportedAndLeavesAStoreThatOpens() throws Exception {
        Process child = start(0);
        List<JobId> reported = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        // Killed while it writes: it submits without pause, each submit a forced append.
        while (reported.size() < 200) {
            String line = out.readLine();
            assertThat(line).as("the child ended early").isNotNull();
            reported.add(JobId.parse(line.substring("accepted ".length())));
        }
        child.destroyForcibly();
        assertThat(child.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        FakeLegnext after = open(dir.resolve("fake"));

        assertThat(reported).allSatisfy(id -> assertThat(after.getJob(id).id()).isEqualTo(id));
        int stored = after.jobCount();
        // Jobs it accepted after the last line read here (killing closes the pipe) are in the store too.
        assertThat(stored).isGreaterThanOrEqualTo(reported.size());
        assertThat(after.getBalance().availablePoints()).isEqualTo(POINTS - 480L * stored);
        JobId fresh = after.generate(TextToVideo.of("after the kill")).id();
        assertThat(open(dir.resolve("fake")).getJob(fresh).id()).isEqualTo(fresh);
        // Every line now whole and checked: a torn tail the kill may have left was cut before the append.
        List<String> lines = Files.readAllLines(dir.resolve("fake").resolve(FakeStore.LOG), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(stored + 2).allSatisfy(l -> {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            assertThat(StoreRecord.parse(b, 0, b.length)).isNotNull();
        });
    }

    @Test
    void twoProcessesSubmittingAtOnceLoseAndDuplicateNothing() throws Exception {
        int each = 150;
        Process a = start(each);
        Process b = start(each);
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (Process p : List.of(a, b)) {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            for (String line : text.split("\n")) {
                if (line.startsWith("accepted ")) {
                    all.add(line.substring("accepted ".length()));
                }
            }
        }
        ids.addAll(all);

        FakeLegnext after = open(dir.resolve("fake"));

        assertThat(all).hasSize(2 * each);
        assertThat(ids).hasSize(2 * each);
        assertThat(after.jobCount()).isEqualTo(2 * each);
        assertThat(ids)
                .allSatisfy(id -> assertThat(after.getJob(JobId.parse(id)).id().toString())
                        .isEqualTo(id));
        assertThat(after.getBalance().availablePoints()).isEqualTo(POINTS - 480L * 2 * each);
    }
}
