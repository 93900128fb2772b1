package io.legnext.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No file grows past the cap on one file, whatever its server announces or sends. */
class DownloadSizeCapTest {

    static final int CAP = 64 * 1024;
    /**
     * How much an "endless" body sends at most: far past {@link #CAP}, yet bounded, so that a cap that does not work
     * fails the test instead of filling the disk.
     */
    static final long ENDLESS = 64L << 20;

    @TempDir
    Path dir;

    HttpServer server;
    final AtomicLong sent = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sized/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath(); // /sized/<bytes>.mp4
                long size = Long.parseLong(path.substring("/sized/".length(), path.lastIndexOf('.')));
                exchange.sendResponseHeaders(200, size);
                send(exchange.getResponseBody(), size);
            }
        });
        server.createContext("/endless/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 0); // chunked: no length announced
                send(exchange.getResponseBody(), ENDLESS);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void send(OutputStream out, long bytes) {
        byte[] chunk = new byte[8192];
        try (out) {
            for (long n = 0; n < bytes; n += chunk.length) {
                int len = (int) Math.min(chunk.length, bytes - n);
                out.write(chunk, 0, len);
                sent.addAndGet(len);
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    static Job job(URI url) {
        return Job.builder(JobId.random(), TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(List.of(url))
                .build();
    }

    static Downloader capped(DownloadSource source) {
        return Downloader.builder(source).maxFileSize(CAP).build();
    }

    @Test
    void aFileAnnouncedLargerThanTheCapIsRefusedBeforeAByteIsWritten() {
        AtomicLong written = new AtomicLong();

        assertThatThrownBy(() -> capped(new HttpDownloadSource())
                        .download(
                                job(url("/sized/" + 4 * CAP + ".mp4?Signature=secret-token")),
                                dir,
                                (done, total, files, of) -> written.set(done)))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DownloadException.Kind.TOO_LARGE);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Refusing " + url("/sized/" + 4 * CAP + ".mp4")
                                            + ": it is 256 KiB, more than the 64 KiB cap on one file; nothing of it was saved."
                                            + " To download it, raise the cap with Downloader.builder(source).maxFileSize(bytes).");
                });
        assertThat(written).hasValue(0);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anEndlessBodyIsCutOffAtTheCapAndItsPartialFileRemoved() {
        assertThatThrownBy(() -> capped(new HttpDownloadSource())
                        .download(job(url("/endless/a.mp4?Signature=s")), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DownloadException.Kind.TOO_LARGE);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Stopped fetching " + url("/endless/a.mp4") + " at the"
                                            + " 64 KiB cap on one file: it sent more than that, and the partial file was removed."
                                            + " To download it, raise the cap with Downloader.builder(source).maxFileSize(bytes).");
                });
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aSourceThatUnderstatesItsLengthIsCutOffAtTheCapAllTheSame() {
        DownloadSource understating = u -> new DownloadSource.Opened(new Zeros(ENDLESS), 10);

        assertThatThrownBy(() -> capped(understating).download(job(url("/any/a.mp4")), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.TOO_LARGE));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFileOfExactlyTheCapIsSaved() {
        List<SavedFile> saved = capped(new HttpDownloadSource())
                .download(job(url("/sized/" + CAP + ".mp4")), dir, Downloader.Progress.NONE);

        assertThat(saved).singleElement().satisfies(f -> assertThat(f.path()).hasSize(CAP));
    }

    @Test
    void theRefusalSaysHowToRaiseTheCapInTheWordsItWasGiven() {
        Downloader downloader = Downloader.builder(new HttpDownloadSource())
                .maxFileSize(CAP)
                .raiseCapHint("raise the cap with --max-download-size SIZE")
                .build();

        assertThatThrownBy(() -> downloader.download(job(url("/endless/a.mp4")), dir, Downloader.Progress.NONE))
                .hasMessageEndingWith("To download it, raise the cap with --max-download-size SIZE.");
    }

    @Test
    void theDefaultCapIsTwoGibibytes() {
        assertThat(new Downloader(new HttpDownloadSource()).maxFileSize()).isEqualTo(2L * 1024 * 1024 * 1024);
    }

    @Test
    void aCapBelowOneByteIsRefusedNamingTheFieldTheBoundAndTheValue() {
        assertThatThrownBy(() -> Downloader.builder(new HttpDownloadSource()).maxFileSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'maxFileSize' must be at least 1 byte, was 0");
    }

    /** {@code size} zero bytes, read in any chunks. */
    static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
