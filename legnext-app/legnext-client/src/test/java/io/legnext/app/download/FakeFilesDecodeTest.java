package io.legnext.app.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake's downloads open in a real decoder: ffprobe (Debian's ffmpeg package, which {@code .ci/run} installs)
 * reads the video as a 4-second H.264 stream and the image as a PNG, trailing marks included.
 */
class FakeFilesDecodeTest {

    @TempDir
    Path dir;

    @Test
    void aFakeVideoIsAFourSecondH264Clip() throws Exception {
        Path file = write("video.mp4", URI.create("https://cdn.legnext.ai/temp/0b7c_2.mp4?Expires=1&Signature=ab"));

        String probe = ffprobe(file, "stream=codec_type,codec_name,width,height,nb_read_frames:format=duration");

        assertThat(probe)
                .contains("codec_type=video")
                .contains("codec_name=h264")
                .contains("width=192")
                .contains("height=108")
                .contains("nb_read_frames=48");
        double seconds = Double.parseDouble(probe.replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
        assertThat(seconds).isBetween(3.9, 4.1);
    }

    @Test
    void aFakeImageIsAPng() throws Exception {
        Path file = write("grid.png", URI.create("https://cdn.legnext.ai/temp/0b7c.png?Expires=1&Signature=ab"));

        String probe = ffprobe(file, "stream=codec_name,width,height");

        assertThat(probe).contains("codec_name=png").contains("width=192").contains("height=108");
    }

    private Path write(String name, URI url) throws IOException {
        Path file = dir.resolve(name);
        try (var in = new GeneratedDownloadSource().open(url).body()) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** Runs ffprobe, decoding every frame: any error it reports (a line that is not an entry) fails the test. */
    private static String ffprobe(Path file, String entries) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(List.of(
                            "ffprobe",
                            "-v",
                            "error",
                            "-count_frames",
                            "-show_entries",
                            entries,
                            "-of",
                            "default=noprint_wrappers=1",
                            file.toString()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("this test needs ffprobe on the PATH: apt-get install ffmpeg", e);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ffprobe ended").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("ffprobe exit status; output: " + out).isZero();
        assertThat(out.lines()).as("ffprobe reported no error").allMatch(line -> line.matches("[a-z_]+=.*"));
        return out;
    }
}
