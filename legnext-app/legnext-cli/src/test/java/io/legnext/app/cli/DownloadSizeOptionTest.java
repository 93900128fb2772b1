package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.JobId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cap on one downloaded file, from {@code --max-download-size} or {@code LEGNEXT_MAX_DOWNLOAD_SIZE}, and the
 * clearing of stale parts, on the fake adapter (whose generated files are 48 to 112 KiB).
 */
class DownloadSizeOptionTest extends OnTheFake {

    static final String ID = "8201cd3e-1234-4d5e-9f00-0123456789ab";

    String completedVideoJob() {
        CliHarness.Result r = cli.run("video", "generate", "--prompt", CAT, "--wait", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.json().get("jobId").asText();
    }

    static List<Path> filesIn(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void aFileLargerThanTheOptionsCapIsRefusedNamingTheCapAndHowToRaiseIt() throws Exception {
        String id = completedVideoJob();
        Path dir = home.resolve("out");

        CliHarness.Result r = cli.run("job", "download", id, "--to", dir.toString(), "--max-download-size", "1KiB");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OTHER);
        assertThat(r.err())
                .contains("more than the 1 KiB cap on one file; nothing of it was saved. To download it,"
                        + " raise the cap with --max-download-size SIZE or LEGNEXT_MAX_DOWNLOAD_SIZE.");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void theVariableSetsTheCapWhenTheOptionIsAbsent() throws Exception {
        String id = completedVideoJob();
        Path dir = home.resolve("out");
        cli.env.put(DownloadOptionsMixin.MAX_DOWNLOAD_SIZE_ENV, "1000B");

        CliHarness.Result r = cli.run("job", "download", id, "--to", dir.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OTHER);
        assertThat(r.err()).contains("more than the 1000 bytes cap on one file");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void theOptionWinsOverTheVariable() throws Exception {
        String id = completedVideoJob();
        Path dir = home.resolve("out");
        cli.env.put(DownloadOptionsMixin.MAX_DOWNLOAD_SIZE_ENV, "1KiB");

        CliHarness.Result r = cli.run("job", "download", id, "--to", dir.toString(), "--max-download-size", "1MiB");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(filesIn(dir)).hasSize(4);
    }

    @Test
    void theOptionWinsOverAMalformedVariableToo() throws Exception {
        String id = completedVideoJob();
        Path dir = home.resolve("out");
        cli.env.put(DownloadOptionsMixin.MAX_DOWNLOAD_SIZE_ENV, "lots");

        CliHarness.Result r = cli.run("job", "download", id, "--to", dir.toString(), "--max-download-size", "1MiB");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(filesIn(dir)).hasSize(4);
    }

    /** Every command that downloads, with arguments that would pass but for the size. */
    static List<List<String>> downloadingCommands() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("video", "generate", "--prompt", CAT, "--download", "d"));
        commands.add(List.of("video", "animate", "--job", ID, "--image", "0", "--download", "d"));
        commands.add(List.of("video", "extend", "--job", ID, "--video", "0", "--download", "d"));
        commands.add(List.of("video", "upscale", "--job", ID, "--video", "0", "--download", "d"));
        commands.add(List.of("job", "wait", ID, "--download", "d"));
        commands.add(List.of("job", "download", ID, "--to", "d"));
        commands.add(List.of("jobs", "resume", "--download", "d"));
        return commands;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("downloadingCommands")
    void aBadSizeExits2NamingTheOptionTheBoundAndTheValueBeforeAnythingIsSent(List<String> command) {
        int jobs = world.fake.jobCount();
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--max-download-size", "0MB"));

        CliHarness.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("legnext: '--max-download-size' must be at least 1 byte, was '0MB'");
        assertThat(r.out()).isEmpty();
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    @Test
    void aBadVariableExits2NamingItTheBoundAndTheValueBeforeAnythingIsSent() {
        int jobs = world.fake.jobCount();
        cli.env.put(DownloadOptionsMixin.MAX_DOWNLOAD_SIZE_ENV, "-5");

        CliHarness.Result r = cli.run(
                "video",
                "generate",
                "--prompt",
                CAT,
                "--download",
                home.resolve("d").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("legnext: LEGNEXT_MAX_DOWNLOAD_SIZE must be a size such as 500MB, 2GiB or 1048576"
                        + " (bytes), was '-5'");
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    @Test
    void helpStillWorksWhenTheVariableIsBad() {
        cli.env.put(DownloadOptionsMixin.MAX_DOWNLOAD_SIZE_ENV, "lots");

        CliHarness.Result r = cli.run("video", "generate", "--help");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("--max-download-size=SIZE").contains("LEGNEXT_MAX_DOWNLOAD_SIZE");
    }

    @Test
    void aCommandThatCannotDownloadIgnoresTheVariable() {
        String id = completedVideoJob();
        cli.env.put(DownloadOptionsMixin.MAX_DOWNLOAD_SIZE_ENV, "lots");

        CliHarness.Result r = cli.run("job", "get", id);

        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void stalePartsClearedFromTheDirectoryAreCountedOnStderr() throws Exception {
        String id = completedVideoJob();
        Path dir = Files.createDirectories(home.resolve("out"));
        Path stale = Files.write(dir.resolve("." + JobId.random() + "_0.mp4.part-5eed"), new byte[5000]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        CliHarness.Result r = cli.run("job", "download", id, "--to", dir.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err())
                .contains("legnext: removed 1 stale partial download (5 kB) from " + dir
                        + ", left by downloads that were cut short.");
        assertThat(stale).doesNotExist();
    }
}
