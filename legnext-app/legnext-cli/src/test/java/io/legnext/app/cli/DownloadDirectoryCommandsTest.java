package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A download directory that cannot be one is refused in words, on the fake adapter. */
class DownloadDirectoryCommandsTest extends OnTheFake {

    @Test
    void jobDownloadToAnExistingFileSaysItIsAFileNotADirectory() throws Exception {
        String id = cli.run("-q", "video", "generate", "--prompt", CAT, "--wait")
                .outLines()
                .get(0);
        Path file = Files.writeString(home.resolve("clip.mp4"), "x");

        CliHarness.Result r = cli.run("job", "download", jobIdOf(id), "--to", file.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OTHER);
        assertThat(r.err()).contains("Cannot save into " + file + ": it exists and is a file, not a directory.");
        assertThat(file).hasContent("x");
    }

    @Test
    void submitWithADownloadDirectoryBelowAFileNamesTheFileBeforeAnythingIsSent() throws Exception {
        Path file = Files.writeString(home.resolve("videos"), "x");
        int jobs = world.fake.jobCount();

        CliHarness.Result r = cli.run(
                "video",
                "generate",
                "--prompt",
                CAT,
                "--download",
                file.resolve("today").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("'--download' must be a directory that can be created and written, was '"
                        + file.resolve("today") + "': " + file + " is a file, not a directory. Nothing was sent.")
                .doesNotContainPattern("[A-Z][a-z]+(Exception|Error)\\b");
        assertThat(world.fake.jobCount()).isEqualTo(jobs);
    }

    /** The job id in a video URL the quiet wait printed: {@code https://cdn.legnext.ai/temp/<id>_0.mp4...}. */
    static String jobIdOf(String videoUrl) {
        String name = videoUrl.substring(videoUrl.lastIndexOf('/') + 1);
        return name.substring(0, name.indexOf('_'));
    }
}
