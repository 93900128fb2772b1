package io.legnext.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a download fails over the network is said in words, never as a JDK class name. */
class DownloadFailureMessagesTest {

    @TempDir
    Path dir;

    HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI onServer(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    static Job job(URI url) {
        return Job.builder(JobId.random(), TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(List.of(url))
                .build();
    }

    void assertDownloadFails(URI url, Consumer<String> message) {
        assertThatThrownBy(() ->
                        new Downloader(new HttpDownloadSource()).download(job(url), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DownloadException.Kind.SOURCE);
                    assertThat(e.getMessage())
                            .doesNotContainPattern("[A-Z][a-z]+(Exception|Error)\\b")
                            .doesNotContain("secret-token")
                            .doesNotContain("null");
                    message.accept(e.getMessage());
                });
    }

    @Test
    void aRefusedConnectionIsSaidInWordsNamingHostAndPort() throws Exception {
        int port = RawHttpStub.closedPort();

        assertDownloadFails(
                URI.create("http://127.0.0.1:" + port + "/temp/a.mp4?Signature=secret-token"),
                m -> assertThat(m)
                        .contains("the connection to 127.0.0.1:" + port + " was refused")
                        .contains("http://127.0.0.1:" + port + "/temp/a.mp4"));
    }

    @Test
    void aRedirectToAClosedPortNamesTheHostItWasRedirectedTo() throws Exception {
        int closed = RawHttpStub.closedPort();
        server.createContext("/moved/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders()
                        .add("Location", "http://127.0.0.1:" + closed + "/elsewhere/a.mp4?Signature=secret-token");
                exchange.sendResponseHeaders(302, -1);
            }
        });

        assertDownloadFails(
                onServer("/moved/a.mp4?Signature=secret-token"),
                m -> assertThat(m)
                        .contains("redirected to http://127.0.0.1:" + closed + "/elsewhere/a.mp4")
                        .contains("the connection to 127.0.0.1:" + closed + " was refused"));
    }

    @Test
    void aMalformedContentLengthIsAMalformedResponse() throws Exception {
        try (RawHttpStub stub = new RawHttpStub("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n0123456789")) {
            assertDownloadFails(
                    stub.uri("/temp/a.mp4?Signature=secret-token"),
                    m -> assertThat(m).contains("malformed response").contains("/temp/a.mp4"));
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBodyCutShortOfItsContentLengthSaysHowMuchOfItArrived() throws Exception {
        try (RawHttpStub stub = new RawHttpStub("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")) {
            assertDownloadFails(
                    stub.uri("/temp/a.mp4"), m -> assertThat(m).contains("after 10 of the 100 bytes it announced"));
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aResultUrlThatIsNotHttpIsSaidToBeUnusable() {
        assertDownloadFails(
                URI.create("ftp://cdn.example.com/temp/a.mp4?Signature=secret-token"),
                m -> assertThat(m)
                        .isEqualTo(
                                "Cannot fetch ftp://cdn.example.com/temp/a.mp4: it is not a usable http or https address"));
    }

    @Test
    void aTargetDirectoryThatIsAFileIsSaidToBeAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("videos"), "not a directory");

        assertThatThrownBy(() -> new Downloader(DownloaderTest.LOCAL)
                        .download(job(onServer("/temp/a.mp4")), file, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DownloadException.Kind.LOCAL);
                    assertThat(e.getMessage())
                            .isEqualTo("Cannot save into " + file + ": it exists and is a file, not a directory.");
                });
        assertThat(file).hasContent("not a directory");
    }

    @Test
    void aTargetDirectoryBelowAFileNamesTheFileInTheWay() throws Exception {
        Path file = Files.writeString(dir.resolve("videos"), "not a directory");
        Path below = file.resolve("today");

        assertThatThrownBy(() -> new Downloader(DownloaderTest.LOCAL)
                        .download(job(onServer("/temp/a.mp4")), below, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(
                        DownloadException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("Cannot save into " + below + ": " + file + " is a file, not a directory."));
    }
}
