package io.legnext.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over real HTTP from a JDK server on 127.0.0.1. */
class DownloaderTest {

    @TempDir
    Path dir;

    HttpServer server;
    String base;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final CountDownLatch allStarted = new CountDownLatch(4);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/temp/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring("/temp/".length());
                if (name.startsWith("missing")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                allStarted.countDown();
                try {
                    // Each response waits until all four started: proves they run in parallel.
                    allStarted.await(2, TimeUnit.SECONDS);
                    byte[] body = content(name);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static byte[] content(String name) {
        return ("bytes of " + name + "\n").repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    Job job(JobId id, String... names) {
        List<URI> urls = new ArrayList<>();
        for (String n : names) {
            urls.add(URI.create(base + "/temp/" + n + "?Expires=1&Signature=secret-token"));
        }
        return Job.builder(id, TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(urls)
                .build();
    }

    @Test
    void fetchesEveryVideoInParallelAndNamesThemByJobAndIndex() {
        JobId id = JobId.random();
        AtomicLong lastDone = new AtomicLong();
        AtomicLong lastTotal = new AtomicLong();

        List<SavedFile> saved = new Downloader(new HttpDownloadSource())
                .download(job(id, "a.mp4", "b.mp4", "c.mp4", "d.mp4"), dir, (done, total, files, of) -> {
                    lastDone.set(done);
                    lastTotal.set(total);
                });

        assertThat(saved)
                .extracting(SavedFile::path)
                .containsExactly(
                        dir.resolve(id + "_0.mp4"),
                        dir.resolve(id + "_1.mp4"),
                        dir.resolve(id + "_2.mp4"),
                        dir.resolve(id + "_3.mp4"));
        assertThat(dir.resolve(id + "_2.mp4")).hasBinaryContent(content("c.mp4"));
        assertThat(maxInFlight.get()).isGreaterThan(1);
        assertThat(lastDone.get()).isEqualTo(lastTotal.get()).isEqualTo(4L * content("a.mp4").length);
        assertThat(saved).noneMatch(SavedFile::alreadyPresent);
    }

    @Test
    void leavesAnIdenticalFileAloneAndRefusesADifferentOne() throws Exception {
        JobId id = JobId.random();
        Files.write(dir.resolve(id + "_0.mp4"), content("a.mp4"));
        Files.writeString(dir.resolve(id + "_1.mp4"), "someone else's video");

        assertThatThrownBy(() -> new Downloader(new HttpDownloadSource())
                        .download(job(id, "a.mp4", "b.mp4", "c.mp4", "d.mp4"), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DownloadException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("Refusing to overwrite").contains(id + "_1.mp4");
                    assertThat(e.saved())
                            .extracting(SavedFile::path)
                            .contains(dir.resolve(id + "_0.mp4"), dir.resolve(id + "_2.mp4"));
                    assertThat(e.saved().get(0).alreadyPresent()).isTrue();
                });
        assertThat(dir.resolve(id + "_1.mp4")).hasContent("someone else's video");
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().contains(".part"));
        }
    }

    @Test
    void anHttpErrorIsASourceFailureThatKeepsTheSignatureOutOfTheMessage() {
        JobId id = JobId.random();

        assertThatThrownBy(() -> new Downloader(new HttpDownloadSource())
                        .download(job(id, "missing.mp4"), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DownloadException.Kind.SOURCE);
                    assertThat(e.getMessage())
                            .contains("HTTP 404")
                            .contains("/temp/missing.mp4")
                            .doesNotContain("secret-token");
                });
        assertThat(dir.resolve(id + "_0.mp4")).doesNotExist();
    }

    @Test
    void theFakesUrlsGiveTheSameBytesEveryTime() throws Exception {
        URI url = URI.create("https://cdn.legnext.ai/temp/abc_0.mp4?Expires=1&Signature=x");

        byte[] once = new GeneratedDownloadSource().open(url).body().readAllBytes();
        byte[] twice = new GeneratedDownloadSource().open(url).body().readAllBytes();
        byte[] other = new GeneratedDownloadSource()
                .open(URI.create("https://cdn.legnext.ai/temp/abc_1.mp4"))
                .body()
                .readAllBytes();

        assertThat(once).isEqualTo(twice).isNotEqualTo(other);
        assertThat(new String(once, 4, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("ftyp");
        assertThat(new String(once, java.nio.charset.StandardCharsets.ISO_8859_1))
                .endsWith("/temp/abc_0.mp4");
    }

    /** Serves {@link #content} for every URL, without the server. */
    static final DownloadSource LOCAL = url -> {
        byte[] body = content(url.getPath().substring(url.getPath().lastIndexOf('/') + 1));
        return new DownloadSource.Opened(new ByteArrayInputStream(body), body.length);
    };

    @Test
    void aDanglingSymlinkAtTheTargetNameIsAConflictNotAnEndlessLoop() throws Exception {
        JobId id = JobId.random();
        Path link = Files.createSymbolicLink(dir.resolve(id + "_0.mp4"), dir.resolve("nowhere.mp4"));

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(
                                () -> new Downloader(LOCAL).download(job(id, "a.mp4"), dir, Downloader.Progress.NONE))
                        .isInstanceOfSatisfying(DownloadException.class, e -> {
                            assertThat(e.kind()).isEqualTo(DownloadException.Kind.CONFLICT);
                            assertThat(e.getMessage())
                                    .contains("Refusing to overwrite")
                                    .contains(id + "_0.mp4");
                        }));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(dir.resolve("nowhere.mp4")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().contains(".part"));
        }
    }

    @Test
    void aSymlinkToAnIdenticalFileIsAConflictToo() throws Exception {
        JobId id = JobId.random();
        Path elsewhere = Files.write(dir.resolve("elsewhere.mp4"), content("a.mp4"));
        Path link = Files.createSymbolicLink(dir.resolve(id + "_0.mp4"), elsewhere);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(
                                () -> new Downloader(LOCAL).download(job(id, "a.mp4"), dir, Downloader.Progress.NONE))
                        .isInstanceOfSatisfying(
                                DownloadException.class,
                                e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.CONFLICT)));

        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aServerThatStallsMidBodyFailsTheFileAfterTheReadTimeoutInsteadOfHanging() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/stall/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 100_000);
                OutputStream out = exchange.getResponseBody();
                out.write(new byte[1000]);
                out.flush();
                release.await(10, TimeUnit.SECONDS); // then sends nothing more
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        JobId id = JobId.random();
        Job job = Job.builder(id, TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(List.of(URI.create(base + "/stall/a.mp4?Signature=secret-token")))
                .build();
        HttpDownloadSource source = new HttpDownloadSource(HttpDownloadSource.defaultClient(), Duration.ofMillis(300));

        try {
            assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> assertThatThrownBy(() -> new Downloader(source).download(job, dir, Downloader.Progress.NONE))
                            .isInstanceOfSatisfying(DownloadException.class, e -> {
                                assertThat(e.kind()).isEqualTo(DownloadException.Kind.SOURCE);
                                assertThat(e.getMessage())
                                        .contains("broke off after 1000 bytes")
                                        .contains("read timeout")
                                        .doesNotContain("secret-token");
                            }));
        } finally {
            release.countDown();
        }
        assertThat(dir.resolve(id + "_0.mp4")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().contains(".part"));
        }
    }

    /**
     * The body takes longer than the read timeout in all, each of its pauses far less: a busy machine that delays a
     * chunk by most of a second still does not make it look stalled.
     */
    @Test
    void aSlowButSteadyBodyIsNotCutOff() throws Exception {
        server.createContext("/slow/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 10 * 1000);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < 10; i++) {
                    out.write(new byte[1000]);
                    out.flush();
                    Thread.sleep(150);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        JobId id = JobId.random();
        Job job = Job.builder(id, TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(List.of(URI.create(base + "/slow/a.mp4")))
                .build();
        HttpDownloadSource source = new HttpDownloadSource(HttpDownloadSource.defaultClient(), Duration.ofSeconds(1));

        List<SavedFile> saved = new Downloader(source).download(job, dir, Downloader.Progress.NONE);

        assertThat(saved).singleElement().satisfies(f -> assertThat(f.bytes()).isEqualTo(10_000));
    }
}
