package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.legnext.core.job.JobId;
import io.legnext.spec.LegnextApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stub of the Legnext service on 127.0.0.1: one WireMock server for the whole test JVM (it takes seconds to
 * start), reset before each test, plus the checks every test shares: requests valid against the contract.
 *
 * <p>It answers on two ports: plain http (HTTP/1.1) and https, where it speaks HTTP/2 (negotiated by ALPN) with a
 * self-signed certificate for 127.0.0.1 made by {@code keytool} when the server starts; {@link #adapter(Transport)}
 * gives an adapter that trusts it.
 */
final class StubLegnext {

    static final String VALID_KEY = "lk_test_valid_0123456789";

    /** How a test reaches the stub. */
    enum Transport {
        /** http://, HTTP/1.1: the adapter's choice for plain http. */
        PLAIN,
        /** https://, HTTP/2 over TLS: what the real service is reached with. */
        TLS_H2
    }

    private static final String STORE_PASSWORD = "legnext-test-only";

    private static WireMockServer server;
    private static SSLContext trust;
    private static OpenApiInteractionValidator validator;

    private StubLegnext() {}

    static synchronized WireMockServer server() {
        if (server == null) {
            Path keystore = selfSignedKeystore();
            server = new WireMockServer(wireMockConfig()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .dynamicHttpsPort()
                    .keystorePath(keystore.toString())
                    .keystoreType("PKCS12")
                    .keystorePassword(STORE_PASSWORD)
                    .keyManagerPassword(STORE_PASSWORD)
                    .containerThreads(16)
                    .jettyAcceptors(1));
            server.start();
            trust = trusting(keystore);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    static void reset() {
        server().resetAll();
    }

    static URI baseUri() {
        return baseUri(Transport.PLAIN);
    }

    static URI baseUri(Transport transport) {
        return transport == Transport.PLAIN
                ? URI.create("http://127.0.0.1:" + server().port())
                : URI.create("https://127.0.0.1:" + server().httpsPort());
    }

    /** Trusts the stub's certificate, and nothing else. */
    static synchronized SSLContext trust() {
        server();
        return trust;
    }

    /** A key pair and certificate for 127.0.0.1 and localhost, made by the JDK's keytool in a temporary file. */
    private static Path selfSignedKeystore() {
        try {
            Path dir = Files.createTempDirectory("legnext-stub-tls");
            Path store = dir.resolve("stub.p12");
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
                            "-validity",
                            "2",
                            "-dname",
                            "CN=127.0.0.1",
                            "-ext",
                            "SAN=ip:127.0.0.1,dns:localhost",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            STORE_PASSWORD,
                            "-keypass",
                            STORE_PASSWORD)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool could not make the stub's certificate: " + output);
            }
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trusting(Path keystore) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("stub", store.getCertificate("stub"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void stub(MappingBuilder mapping) {
        server().stubFor(mapping);
    }

    static void givenTask(JobId id, String body) {
        stub(get("/api/v1/job/" + id)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    /** Stubs a completed video-diffusion job (the recorded payload) under a new id. */
    static JobId givenCompletedVideoJob() {
        JobId id = JobId.random();
        givenTask(id, Payloads.completedVideo(id.toString()));
        return id;
    }

    /** Stubs a completed image job with four images under a new id. */
    static JobId givenCompletedImageJob() {
        JobId id = JobId.random();
        givenTask(id, Payloads.completedImage(id.toString()));
        return id;
    }

    /** A fresh adapter on the stub with the valid key, no retry waits, a fixed clock. */
    static LegnextHttpAdapter.Builder adapter() {
        return adapter(Transport.PLAIN);
    }

    /**
     * A fresh adapter on the stub over {@code transport}, with the adapter's own HTTP client (trusting the stub's
     * certificate over TLS), the valid key, no retry waits, a fixed clock.
     */
    static LegnextHttpAdapter.Builder adapter(Transport transport) {
        LegnextHttpAdapter.Builder b = LegnextHttpAdapter.builder(ApiKey.of(VALID_KEY));
        if (transport == Transport.TLS_H2) {
            b.sslContext(trust());
        }
        return b.baseUri(baseUri(transport))
                .requestTimeout(Duration.ofSeconds(5))
                .sleeper(d -> {})
                .random(() -> 0.5)
                .clock(Clock.fixed(Instant.parse("2025-10-21T10:51:46Z"), ZoneOffset.UTC));
    }

    static List<LoggedRequest> requests() {
        List<LoggedRequest> out = new ArrayList<>();
        for (ServeEvent e : server().getAllServeEvents()) {
            out.add(e.getRequest());
        }
        return out;
    }

    static long requestCount(String method, String pathPrefix) {
        return requests().stream()
                .filter(r ->
                        r.getMethod().getName().equals(method) && r.getUrl().startsWith(pathPrefix))
                .count();
    }

    /** Fails unless every request that reached the stub came over {@code transport}: https and HTTP/2, say. */
    static void assertEveryRequestCameOver(Transport transport) {
        String scheme = transport == Transport.PLAIN ? "http" : "https";
        String protocol = transport == Transport.PLAIN ? "HTTP/1.1" : "HTTP/2.0";
        assertThat(requests())
                .as("the requests' scheme and protocol")
                .allSatisfy(
                        r -> assertThat(r.getScheme() + " " + r.getProtocol()).isEqualTo(scheme + " " + protocol));
    }

    /** Fails when any request that reached the stub breaks the contract: method, path, headers, body schema. */
    static void assertEveryRequestMatchesTheContract() {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            ValidationReport report = validator().validateRequest(toValidatorRequest(r));
            if (report.hasErrors()) {
                problems.add(r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString() + ": "
                        + report.getMessages().stream()
                                .map(ValidationReport.Message::getMessage)
                                .collect(Collectors.joining("; ")));
            }
        }
        assertThat(problems).as("requests that break the OpenAPI contract").isEmpty();
    }

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(LegnextApiSpec.text())
                    .build();
        }
        return validator;
    }

    private static Request toValidatorRequest(LoggedRequest r) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.getMethod().getName(), r.getUrl());
        for (var header : r.getHeaders().all()) {
            b.withHeader(header.key(), header.values());
        }
        String body = r.getBodyAsString();
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        return b.build();
    }
}
