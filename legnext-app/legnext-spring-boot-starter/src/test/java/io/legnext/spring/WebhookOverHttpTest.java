package io.legnext.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.legnext.app.Legnext;
import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobStatus;
import io.legnext.core.port.in.GenerateVideoUseCase;
import io.legnext.core.port.in.WaitForJobUseCase;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.wait.WaitOptions;
import io.legnext.micrometer.LegnextMetrics;
import io.legnext.spring.app.HeardJobs;
import io.legnext.spring.app.HostApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A real Boot application on a random port, on the fake (no property about the adapter): a job's signed callback
 * travels over HTTP to the endpoint, completes the wait, and reaches the host's {@code @EventListener}; forged,
 * oversized and malformed deliveries get the statuses {@code legnext webhook serve} answers.
 */
@SpringBootTest(
        classes = HostApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // The waits' own lookups come an hour (of the fake's accelerated time) after the latest expected
            // completion: only the callback can end the wait in this test's time.
            "legnext.polling.interval=1h",
            "legnext.polling.max-interval=1h",
            "management.endpoints.web.exposure.include=health,metrics",
            "management.endpoint.health.show-components=always"
        })
@Import(WebhookOverHttpTest.StateChanges.class)
class WebhookOverHttpTest {

    /** Generous for a busy machine: the fake's job takes 2-3 s at 100x. */
    private static final long PATIENCE_SECONDS = 120;

    @LocalServerPort
    int port;

    @Autowired
    Legnext legnext;

    @Autowired
    GenerateVideoUseCase generate;

    @Autowired
    WaitForJobUseCase waits;

    @Autowired
    HeardJobs heard;

    @Autowired
    StateChanges changes;

    @Autowired
    LegnextWebhookSecret secret;

    @Autowired
    MeterRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aGeneratedJobsSignedCallbackReachesTheEndpointCompletesTheWaitAndIsPublished() throws Exception {
        assertThat(legnext.isFake()).isTrue();
        assertThat(generate).isSameAs(legnext);
        assertThat(secret.generated())
                .as("the fake signs with a secret made for the run")
                .isTrue();
        CallbackUrl callback = CallbackUrl.parse("http://127.0.0.1:" + port + LegnextProperties.DEFAULT_WEBHOOK_PATH);

        Job submitted = generate.generate(
                ImageToVideo.of("https://example.com/cat.jpg", "a cat walks").withCallback(callback));
        Job done = waits.waitFor(
                        submitted.id(),
                        WaitOptions.defaults().withTimeout(Duration.ofDays(1)).withCallbackExpected(true))
                .get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.videoUrls()).hasSize(4);
        // The wait completes as the receiver takes the callback in; the listeners hear of it just after, on the
        // request's thread, and the event is published once the receiver returns: wait for them, patiently.
        await().atMost(Duration.ofSeconds(PATIENCE_SECONDS)).untilAsserted(() -> {
            assertThat(changes.seen).anySatisfy(change -> {
                assertThat(change.job().id()).isEqualTo(submitted.id());
                assertThat(change.source()).isEqualTo(JobStateChanged.Source.CALLBACK);
                assertThat(change.status()).isEqualTo(JobStatus.COMPLETED);
            });
            assertThat(heard.heard()).anySatisfy(event -> {
                assertThat(event.job().id()).isEqualTo(submitted.id());
                assertThat(event.job().status()).isEqualTo(JobStatus.COMPLETED);
            });
            assertThat(registry.get(LegnextMetrics.CALLBACKS)
                            .tag("outcome", "accepted")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aForgedCallbackIsRefusedWith401AndNotPublished() throws Exception {
        int published = heard.heard().size();
        byte[] body = "{\"job_id\":\"forged\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String forged = WebhookSignature.sign("not-the-secret".getBytes(StandardCharsets.UTF_8), timestamp, body);

        HttpResponse<String> answer =
                post(body, WebhookSignature.SIGNATURE_HEADER, forged, WebhookSignature.TIMESTAMP_HEADER, timestamp);
        HttpResponse<String> unsigned = post(body);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("unauthorized");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(heard.heard()).hasSize(published);
    }

    @Test
    void aStaleSignedCallbackIsRefusedWith401() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String timestamp =
                Long.toString(Instant.now().minus(Duration.ofHours(1)).getEpochSecond());

        HttpResponse<String> answer = post(
                body,
                WebhookSignature.SIGNATURE_HEADER,
                sign(timestamp, body),
                WebhookSignature.TIMESTAMP_HEADER,
                timestamp);

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedBodyThatIsNotATaskIsRefusedWith400() throws Exception {
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());

        HttpResponse<String> answer = post(
                body,
                WebhookSignature.SIGNATURE_HEADER,
                sign(timestamp, body),
                WebhookSignature.TIMESTAMP_HEADER,
                timestamp);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("rejected");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413() throws Exception {
        byte[] body = new byte[LegnextWebhookEndpoint.MAX_BODY_BYTES + 1];

        HttpResponse<String> answer = post(body);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(registry.get(LegnextMetrics.CALLBACKS)
                        .tag("reason", "too_large")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aChunkedBodyIsRefusedWith413AsSoonAsItPassesOneMebibyte() throws Exception {
        byte[] body = new byte[LegnextWebhookEndpoint.MAX_BODY_BYTES + 100];
        // No Content-Length: the endpoint learns the size only by reading, and stops one byte past the limit.
        HttpRequest request = HttpRequest.newBuilder(endpoint())
                .version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isNegative();
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).isEqualTo("body too large");
    }

    @Test
    void anythingButAPostIsAnswered405() throws Exception {
        HttpResponse<String> answer =
                http.send(HttpRequest.newBuilder(endpoint()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void healthShowsLegnextUpOnTheFakeAndTheMetersAreThereFromStart() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> waits = get("/actuator/metrics/" + LegnextMetrics.WAITS_ACTIVE);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"legnext\":{\"status\":\"UP\"");
        assertThat(waits.statusCode()).isEqualTo(200);
        assertThat(waits.body()).contains(LegnextMetrics.WAITS_ACTIVE);
    }

    private String sign(String timestamp, byte[] body) {
        return WebhookSignature.sign(secret.value().orElseThrow().getBytes(StandardCharsets.UTF_8), timestamp, body);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + LegnextProperties.DEFAULT_WEBHOOK_PATH);
    }

    private HttpResponse<String> post(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A host's {@link LegnextListener} bean: the facade hears it beside the meters. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StateChanges implements LegnextListener {
        final List<JobStateChanged> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onJobStateChanged(JobStateChanged event) {
            seen.add(event);
        }
    }
}
