package io.legnext.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redirects are followed by the source itself, hop by hop, over real http and https on 127.0.0.1. */
class RedirectsTest {

    static final char[] PASSWORD = "changeit".toCharArray();
    static final byte[] VIDEO = "the video bytes".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path keys;

    static KeyStore keyStore;

    @TempDir
    Path dir;

    HttpServer http;
    HttpsServer https;
    final AtomicInteger httpRequests = new AtomicInteger();

    /** A self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = keys.resolve("stub.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "stub",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(2, TimeUnit.MINUTES)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
    }

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/files/", exchange -> {
            try (exchange) {
                httpRequests.incrementAndGet();
                exchange.sendResponseHeaders(200, VIDEO.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(VIDEO);
                }
            }
        });
        http.start();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        https.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
        https.stop(0);
    }

    /** A client that trusts the stub's certificate, and nothing else. */
    static HttpClient trustingClient() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("stub", keyStore.getCertificate("stub"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Answers every request under {@code path} with a redirect to {@code location}. */
    static void redirect(com.sun.net.httpserver.HttpServer server, String path, String location) {
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
            }
        });
    }

    static Job job(URI url) {
        return Job.builder(JobId.random(), TaskType.of("video_diffusion"), JobStatus.COMPLETED)
                .videoUrls(List.of(url))
                .build();
    }

    String httpUrl(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    String httpsUrl(String path) {
        return "https://127.0.0.1:" + https.getAddress().getPort() + path;
    }

    @Test
    void aRelativeRedirectIsFollowedToTheFile() {
        redirect(http, "/moved/", "/files/a.mp4?Signature=new");

        List<SavedFile> saved = new Downloader(new HttpDownloadSource())
                .download(job(URI.create(httpUrl("/moved/a.mp4?Signature=old"))), dir, Downloader.Progress.NONE);

        assertThat(saved).singleElement().satisfies(f -> assertThat(f.path()).hasBinaryContent(VIDEO));
    }

    @Test
    void aRedirectFromHttpsDownToHttpIsRefusedAndNothingIsFetchedOverHttp() throws Exception {
        redirect(https, "/moved/", httpUrl("/files/a.mp4?Signature=secret-token"));
        HttpDownloadSource source = new HttpDownloadSource(trustingClient());

        assertThatThrownBy(() -> new Downloader(source)
                        .download(job(URI.create(httpsUrl("/moved/a.mp4"))), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DownloadException.Kind.SOURCE);
                    assertThat(e.getMessage())
                            .contains("redirected from https down to plain http")
                            .contains(httpUrl("/files/a.mp4"))
                            .doesNotContain("secret-token");
                });
        assertThat(httpRequests).hasValue(0);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aRedirectLoopGivesUpAfterTheLimit() {
        AtomicInteger hops = new AtomicInteger();
        http.createContext("/loop/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Location", "/loop/" + hops.incrementAndGet() + ".mp4");
                exchange.sendResponseHeaders(302, -1);
            }
        });

        assertThatThrownBy(() -> new Downloader(new HttpDownloadSource())
                        .download(job(URI.create(httpUrl("/loop/0.mp4"))), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(
                        DownloadException.class,
                        e -> assertThat(e.getMessage())
                                .contains("redirected more than " + HttpDownloadSource.MAX_REDIRECTS + " times")
                                .contains(httpUrl("/loop/" + HttpDownloadSource.MAX_REDIRECTS + ".mp4")));
        assertThat(hops).hasValue(HttpDownloadSource.MAX_REDIRECTS + 1);
    }

    @Test
    void anUntrustedCertificateIsSaidInWords() {
        https.createContext("/files/", exchange -> exchange.close());

        assertThatThrownBy(() -> new Downloader(new HttpDownloadSource())
                        .download(job(URI.create(httpsUrl("/files/a.mp4"))), dir, Downloader.Progress.NONE))
                .isInstanceOfSatisfying(
                        DownloadException.class,
                        e -> assertThat(e.getMessage())
                                .contains("the secure (TLS) connection to 127.0.0.1:"
                                        + https.getAddress().getPort() + " failed: its certificate is not trusted")
                                .doesNotContainPattern("[A-Z][a-z]+(Exception|Error)\\b")
                                .doesNotContain("sun."));
    }
}
