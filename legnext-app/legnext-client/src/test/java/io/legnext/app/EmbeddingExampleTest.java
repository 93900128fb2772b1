package io.legnext.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.legnext.core.domain.ImageToVideo;
import io.legnext.core.domain.Job;
import io.legnext.core.domain.WaitOptions;
import io.legnext.core.time.VirtualTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding snippets, compiled and run so that they cannot rot. The README quotes the regions between
 * {@code tag::NAME[]} and {@code end::NAME[]}: {@code host} (the host's own code), {@code http-main} (a plain Java
 * application over the real service) and {@code fake-test} (the same host code in a test, on the fake in virtual
 * time).
 */
class EmbeddingExampleTest {

    // tag::host[]
    /** The host's own code: it sees the Legnext facade, never which adapter is behind it. */
    static final class CatVideos {
        private final Legnext legnext;

        CatVideos(Legnext legnext) {
            this.legnext = legnext;
        }

        /** Submits once, then waits without blocking; completes with the four video URLs. */
        CompletableFuture<List<URI>> make() {
            Job job = legnext.generate(ImageToVideo.of("https://example.com/cat.jpg", "a cat walks"));
            return legnext.waitFor(job.id(), WaitOptions.defaults()).thenApply(Job::videoUrls);
        }
    }
    // end::host[]

    // tag::http-main[]
    /** A plain Java application: the key comes from LEGNEXT_API_KEY, never from code. */
    static final class CatVideoApp {
        public static void main(String[] args) {
            run(System.getenv(), System.out);
        }

        static void run(Map<String, String> env, PrintStream out) {
            try (Legnext legnext = Legnext.fromEnvironment(env)) {
                new CatVideos(legnext).make().join().forEach(out::println);
            }
        }
    }
    // end::http-main[]

    @Test
    void theHttpHostApplicationRunsAgainstAStubService() {
        WireMockServer stub = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        stub.start();
        try {
            String id = "8201cd3e-1234-4d5e-9f00-0123456789ab";
            stub.stubFor(post(urlPathEqualTo("/api/v1/video-diffusion")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"job_id\":\"" + id + "\",\"task_type\":\"video_diffusion\",\"status\":\"pending\"}")));
            stub.stubFor(get(urlPathEqualTo("/api/v1/job/" + id)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"job_id\":\"" + id + "\",\"task_type\":\"video_diffusion\",\"status\":\"completed\","
                            + "\"output\":{\"video_urls\":[\"https://cdn.legnext.ai/temp/0.mp4\","
                            + "\"https://cdn.legnext.ai/temp/1.mp4\",\"https://cdn.legnext.ai/temp/2.mp4\","
                            + "\"https://cdn.legnext.ai/temp/3.mp4\"]},\"error\":{\"code\":0}}")));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            CatVideoApp.run(Map.of("LEGNEXT_API_KEY", "test-key", "LEGNEXT_BASE_URL",
                    "http://127.0.0.1:" + stub.port()), new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                    .containsExactly("https://cdn.legnext.ai/temp/0.mp4", "https://cdn.legnext.ai/temp/1.mp4",
                            "https://cdn.legnext.ai/temp/2.mp4", "https://cdn.legnext.ai/temp/3.mp4");
        } finally {
            stub.stop();
        }
    }

    // tag::fake-test[]
    @Test
    void makesFourCatVideosOnTheFakeInVirtualTime() {
        VirtualTime time = new VirtualTime();
        try (Legnext legnext = Legnext.fake(time)) {
            CompletableFuture<List<URI>> videos = new CatVideos(legnext).make();

            time.advance(Duration.ofMinutes(10)); // a 3-5 minute job, in microseconds

            assertThat(videos).isCompletedWithValueMatching(urls -> urls.size() == 4);
        }
    }
    // end::fake-test[]

    @Test
    void aHostWithoutAKeyIsToldWhatToSetWithoutBeingShownAnyKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Legnext.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEGNEXT_API_KEY");
    }
}
