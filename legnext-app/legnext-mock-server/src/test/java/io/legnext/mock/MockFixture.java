package io.legnext.mock;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.feign.ApiKey;
import io.legnext.adapter.feign.LegnextHttpAdapter;
import io.legnext.core.time.VirtualTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A mock server on 127.0.0.1 over a fake on virtual time, every answer to the API's paths checked against
 * api-spec; with the HTTP adapter and a plain HTTP client pointed at it.
 */
final class MockFixture implements AutoCloseable {

    static final String KEY = "lk_test_mock_0123456789";

    final VirtualTime time = new VirtualTime();
    final FakeLegnext fake;
    final SpecConformance conformance = new SpecConformance();
    final LegnextMockServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    MockFixture(long seed) {
        // Callbacks to this machine only, as from a fake the server makes: tests name remote callback URLs.
        fake = FakeLegnext.builder(time)
                .seed(seed)
                .accountId("52")
                .availableCredits(678)
                .httpClient(new LoopbackOnlyHttpClient(HttpClient.newHttpClient()))
                .build();
        try {
            server = LegnextMockServer.builder()
                    .fake(fake)
                    .port(0)
                    .key(KEY)
                    .listener(conformance)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP adapter with the server's key, no retry waits. */
    LegnextHttpAdapter adapter() {
        return adapter(KEY);
    }

    /** The HTTP adapter presenting {@code key}, no retry waits. */
    LegnextHttpAdapter adapter(String key) {
        return LegnextHttpAdapter.builder(ApiKey.of(key))
                .baseUri(server.url())
                .requestTimeout(Duration.ofSeconds(30))
                .sleeper(d -> {})
                .build();
    }

    /** Sends one request with the server's key ({@code body} null for none). */
    HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, KEY);
    }

    /** Sends one request presenting {@code key} (null for no key header). */
    HttpResponse<String> send(String method, String path, String body, String key) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        if (key != null) {
            r.header("x-api-key", key);
        }
        try {
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
