package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's done-when, as a new user runs it: with no key, each step is a {@code legnext} process of its own
 * ({@code java -jar target/legnext.jar}; the build runs this after packaging, {@code legnext.jar} names the jar),
 * and every step finds what the earlier ones left in the local fake service under {@code LEGNEXT_HOME}.
 *
 * <p>Run alone during development ({@code -Dtest=LocalServiceJarScenarioTest}), without the jar, it starts the
 * same main class from the test class path.
 */
class LocalServiceJarScenarioTest {

    /** Bounds a step that would hang; a passing step takes well under a second of service waits at 10000x. */
    private static final long PATIENCE_SECONDS = 180;

    private static final String PROMPT = "https://example.com/cat.jpg a cat walks";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    record Step(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out.lines().findFirst().orElseThrow());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        String jobId() {
            return json().get("jobId").asText();
        }
    }

    private Step legnext(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(CliProcess.command(args));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LEGNEXT_"));
        env.put(Settings.HOME_ENV, home.toString());
        env.put(Settings.FAKE_SPEED_ENV, "10000");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "legnext " + String.join(" ", args) + " did not end; stderr: " + Files.readString(err));
        }
        return new Step(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void jobsOfEarlierCommandsAreThereForLaterOnes() throws Exception {
        Step generated = legnext("--json", "video", "generate", "--prompt", PROMPT);
        assertThat(generated.exit()).as(generated.err()).isZero();
        String first = generated.jobId();
        assertThat(generated.json().get("status").asText()).isIn("pending", "staged");

        Step waited = legnext("job", "wait", first);
        assertThat(waited.exit()).as(waited.err()).isZero();
        assertThat(waited.out()).contains(first + "_0.mp4").contains("legnext video extend --job " + first);

        String last = first;
        for (int i = 1; i <= 4; i++) {
            Step extended = legnext("--json", "video", "extend", "--job", last, "--video", "0", "--wait");
            assertThat(extended.exit())
                    .as("extension " + i + ": " + extended.err())
                    .isZero();
            assertThat(extended.json().get("status").asText()).isEqualTo("completed");
            last = extended.jobId();
        }

        Step fifth = legnext("video", "extend", "--job", last, "--video", "0", "--wait");
        assertThat(fifth.exit()).isNotZero();
        assertThat(fifth.err()).contains("already extended 4 times (20 s)");
        // Without the journal's lineage the service's own record of it still refuses: the fourth offers no extend.
        Files.delete(home.resolve("journal.jsonl"));
        Step unjournaled = legnext("video", "extend", "--job", last, "--video", "0", "--wait");
        assertThat(unjournaled.exit()).isNotZero();
        assertThat(unjournaled.err()).contains("extended 4 times offers none");

        Step upscaled = legnext("--json", "video", "upscale", "--job", last, "--video", "0", "--wait");
        assertThat(upscaled.exit()).as(upscaled.err()).isZero();
        assertThat(upscaled.json().get("taskType").asText()).isEqualTo("video_upscale");

        Path dir = home.resolve("downloads");
        Step downloaded = legnext("job", "download", last, "--to", dir.toString());
        assertThat(downloaded.exit()).as(downloaded.err()).isZero();
        assertThat(ffprobe(dir.resolve(last + "_0.mp4"))).contains("codec_name=h264", "nb_read_frames=48");

        String unfinished =
                legnext("-q", "video", "generate", "--prompt", PROMPT).out().strip();
        Step resumed = legnext("jobs", "resume");
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains(unfinished);

        Step balance = legnext("--json", "balance");
        assertThat(balance.exit()).as(balance.err()).isZero();
        // Seven video jobs: the first, four extensions, the upscale and the resumed one.
        assertThat(balance.json().get("availablePoints").asLong()).isEqualTo(100_000 - 7 * 480);

        Step reset = legnext("fake", "reset");
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("7 jobs forgotten");
        Step gone = legnext("job", "get", first);
        assertThat(gone.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(gone.err()).contains("Job not found");
    }

    @Test
    void theReadmesFirstCommandStillWorksOnAFreshHome() throws Exception {
        Step run = legnext("video", "generate", "--prompt", PROMPT, "--wait");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("_3.mp4").contains("legnext video extend --job");
        assertThat(run.err()).contains("using the fake adapter");
    }

    /** Decodes every frame; an error ffprobe reports fails the test. */
    private static String ffprobe(Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(List.of(
                            "ffprobe",
                            "-v",
                            "error",
                            "-count_frames",
                            "-show_entries",
                            "stream=codec_name,nb_read_frames",
                            "-of",
                            "default=noprint_wrappers=1",
                            file.toString()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("this test needs ffprobe on the PATH: apt-get install ffmpeg", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ffprobe ended").isTrue();
        assertThat(p.exitValue()).as("ffprobe: " + out).isZero();
        return out;
    }
}
