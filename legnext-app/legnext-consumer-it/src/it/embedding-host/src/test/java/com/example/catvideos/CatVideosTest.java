package com.example.catvideos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.legnext.app.Legnext;
import io.legnext.core.time.VirtualTime;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The README's embedding snippets in a host of their own: on the fake in virtual time, and over HTTP. */
class CatVideosTest {

    @Test
    void makesFourCatVideosOnTheFakeInVirtualTime() {
        VirtualTime time = new VirtualTime();
        try (Legnext legnext = Legnext.fake(time)) {
            CompletableFuture<List<URI>> videos = new CatVideos(legnext).make();

            time.advance(Duration.ofMinutes(10)); // a 3-5 minute job, in microseconds

            assertThat(videos).isCompletedWithValueMatching(urls -> urls.size() == 4);
        }
    }

    @Test
    void theApplicationRunsOverHttpAgainstAStubService() throws Exception {
        String id = "8201cd3e-1234-4d5e-9f00-0123456789ab";
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext(
                "/api/v1/video-diffusion",
                exchange -> answer(
                        exchange,
                        "{\"job_id\":\"" + id + "\",\"task_type\":\"video_diffusion\",\"status\":\"pending\"}"));
        stub.createContext(
                "/api/v1/job/" + id,
                exchange -> answer(
                        exchange,
                        "{\"job_id\":\"" + id + "\",\"task_type\":\"video_diffusion\",\"status\":\"completed\","
                                + "\"output\":{\"video_urls\":[\"https://cdn.legnext.ai/temp/0.mp4\","
                                + "\"https://cdn.legnext.ai/temp/1.mp4\",\"https://cdn.legnext.ai/temp/2.mp4\","
                                + "\"https://cdn.legnext.ai/temp/3.mp4\"]},\"error\":{\"code\":0}}"));
        stub.start();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            CatVideoApp.run(
                    Map.of(
                            "LEGNEXT_API_KEY",
                            "test-key",
                            "LEGNEXT_BASE_URL",
                            "http://127.0.0.1:" + stub.getAddress().getPort()),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
        } finally {
            stub.stop(0);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "https://cdn.legnext.ai/temp/0.mp4", "https://cdn.legnext.ai/temp/1.mp4",
                        "https://cdn.legnext.ai/temp/2.mp4", "https://cdn.legnext.ai/temp/3.mp4");
    }

    @Test
    void aHostWithoutAKeyIsToldWhatToSet() {
        assertThatThrownBy(() -> Legnext.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEGNEXT_API_KEY");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
