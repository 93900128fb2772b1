package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.legnext.core.job.JobId;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.url.CallbackUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job with a callback URL is POSTed there when it ends, signed when a webhook secret is configured. */
class FakeLegnextCallbackTest {

    private static final String SECRET = "whsec-test-secret";
    private static final String API_KEY = "sk-callback-test-key";
    /** Pending and staged 0 s, every operation 4 min: a job ends 4 min after submit. */
    private static final FakeTimings FOUR_MINUTES = FakeTimings.fixed(Duration.ZERO)
            .withVideoDiffusion(
                    FakeTimings.Range.exactly(Duration.ofMinutes(4)), FakeTimings.Range.exactly(Duration.ofMinutes(4)))
            .withExtendVideo(FakeTimings.Range.exactly(Duration.ofMinutes(4)));

    /** A request the receiver got. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * How long a delivery, which leaves at once for a receiver on this machine, may take to arrive on a machine
     * whose cores are all busy: it only bounds a failing run.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final VirtualTime time = new VirtualTime();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private CallbackUrl callback;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/legnext", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            int status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        callback = CallbackUrl.parse(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/legnext?token=receiver-token");
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void aCompletedJobIsPostedAsTheTaskObjectSignedOverTimestampDotBody() throws Exception {
        FakeLegnext legnext = fake(SECRET);
        JobId id = legnext.generate(TextToVideo.of("a red kite").withCallback(callback))
                .id();

        time.advance(Duration.ofMinutes(4));
        Received post = awaitPost();

        long timestamp = Long.parseLong(post.header("X-Legnext-Timestamp"));
        assertThat(timestamp).isEqualTo(time.now().getEpochSecond());
        assertThat(post.header("X-Legnext-Signature")).isEqualTo(hmacHex(SECRET, timestamp + "." + post.body()));
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        JsonNode task = new ObjectMapper().readTree(post.body());
        assertThat(task.get("job_id").asText()).isEqualTo(id.toString());
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.at("/output/video_urls")).hasSize(4);
        assertThat(task.at("/meta/usage/consume").asInt()).isEqualTo(480);
        assertThat(task.at("/error/code").asInt()).isZero();
        assertThat(task.at("/config/webhook_config/endpoint").asText()).isEqualTo(callback.toString());
        assertThat(post.body()).doesNotContain(SECRET);
    }

    @Test
    void aSigningClockStampsTheCallbackInsteadOfTheSchedulersClock() throws Exception {
        Instant wall = Instant.parse("2030-01-02T03:04:05Z");
        FakeLegnext legnext = FakeLegnext.builder(time)
                .timings(FOUR_MINUTES)
                .apiKey(API_KEY)
                .webhookSecret(SECRET)
                .signingClock(Clock.fixed(wall, ZoneOffset.UTC))
                .logger(new ListLogger(logged))
                .build();
        legnext.generate(TextToVideo.of("a red kite").withCallback(callback));

        time.advance(Duration.ofMinutes(4));
        Received post = awaitPost();

        assertThat(post.header("X-Legnext-Timestamp")).isEqualTo(Long.toString(wall.getEpochSecond()));
        assertThat(post.header("X-Legnext-Signature"))
                .isEqualTo(hmacHex(SECRET, wall.getEpochSecond() + "." + post.body()));
    }

    @Test
    void withoutASecretTheCallbackIsUnsigned() throws Exception {
        FakeLegnext legnext = fake(null);
        legnext.generate(TextToVideo.of("a red kite").withCallback(callback));

        time.advance(Duration.ofMinutes(4));
        Received post = awaitPost();

        assertThat(post.header("X-Legnext-Signature")).isNull();
        assertThat(post.header("X-Legnext-Timestamp")).isNull();
    }

    @Test
    void nothingIsPostedBeforeTheJobEnds() throws Exception {
        FakeLegnext legnext = fake(SECRET);
        legnext.generate(TextToVideo.of("a red kite").withCallback(callback));

        time.advance(Duration.ofMinutes(4).minusSeconds(1));

        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(time.pendingTasks()).isEqualTo(1);
    }

    @Test
    void aFailedJobIsPostedWithItsError() throws Exception {
        FakeLegnext legnext = fake(SECRET);
        legnext.failNextJob(10001, "The prompt was flagged \"by\" moderation");
        legnext.generate(TextToVideo.of("a red kite").withCallback(callback));

        time.advance(Duration.ofMinutes(4));
        JsonNode task = new ObjectMapper().readTree(awaitPost().body());

        assertThat(task.get("status").asText()).isEqualTo("failed");
        assertThat(task.at("/error/code").asInt()).isEqualTo(10001);
        assertThat(task.at("/error/message").asText()).isEqualTo("The prompt was flagged \"by\" moderation");
        assertThat(task.get("output").isNull()).isTrue();
        assertThat(task.at("/meta/usage/consume").asInt()).isZero();
    }

    @Test
    void followUpJobsCallBackToo() throws Exception {
        FakeLegnext legnext = fake(SECRET);
        JobId source = legnext.seedCompletedVideoJob();
        legnext.extend(ExtendVideo.of(source.toString(), 1).withCallback(callback));

        time.advance(Duration.ofMinutes(4));

        assertThat(new ObjectMapper()
                        .readTree(awaitPost().body())
                        .get("task_type")
                        .asText())
                .isEqualTo("extend_video");
    }

    @Test
    void aFailedDeliveryIsRetriedTenSecondsLaterAndFreshlySigned() throws Exception {
        failuresToAnswer.set(1);
        FakeLegnext legnext = fake(SECRET);
        legnext.generate(TextToVideo.of("a red kite").withCallback(callback));

        time.advance(Duration.ofMinutes(4));
        Received first = awaitPost();
        awaitRetryScheduled();
        time.advance(Duration.ofSeconds(10));
        Received second = awaitPost();

        assertThat(second.body()).isEqualTo(first.body());
        long timestamp = Long.parseLong(second.header("X-Legnext-Timestamp"));
        assertThat(timestamp).isEqualTo(Long.parseLong(first.header("X-Legnext-Timestamp")) + 10);
        assertThat(second.header("X-Legnext-Signature")).isEqualTo(hmacHex(SECRET, timestamp + "." + second.body()));
        assertThat(logged).hasSize(1);
    }

    @Test
    void deliveryGivesUpAfterThreeAttemptsAndLogsWithoutSecrets() throws Exception {
        failuresToAnswer.set(Integer.MAX_VALUE);
        FakeLegnext legnext = fake(SECRET);
        JobId id = legnext.generate(TextToVideo.of("a red kite").withCallback(callback))
                .id();

        time.advance(Duration.ofMinutes(4));
        for (int attempt = 1; attempt < 3; attempt++) {
            awaitPost();
            awaitRetryScheduled();
            time.advance(Duration.ofSeconds(10));
        }
        awaitPost();
        awaitLogged(3);
        time.advance(Duration.ofHours(1));

        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(time.pendingTasks()).isZero();
        assertThat(logged).hasSize(3);
        assertThat(logged.get(2))
                .contains("job " + id)
                .contains("attempt 3 of 3")
                .contains("HTTP 500")
                .contains("Giving up");
        assertThat(String.join("\n", logged))
                .doesNotContain(SECRET)
                .doesNotContain(API_KEY)
                .doesNotContain("receiver-token");
    }

    @Test
    void anUnreachableReceiverIsLoggedNotThrown() throws Exception {
        FakeLegnext legnext = fake(SECRET);
        server.stop(0);
        legnext.generate(TextToVideo.of("a red kite").withCallback(callback));

        time.advance(Duration.ofMinutes(4));
        awaitLogged(1);

        assertThat(logged.get(0)).contains("attempt 1 of 3").contains("Retrying in 10 s");
    }

    private FakeLegnext fake(String secret) {
        return FakeLegnext.builder(time)
                .timings(FOUR_MINUTES)
                .apiKey(API_KEY)
                .webhookSecret(secret)
                .logger(new ListLogger(logged))
                .build();
    }

    private Received awaitPost() throws InterruptedException {
        Received post = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(post)
                .as("a callback POST within " + PATIENCE.toSeconds() + " s")
                .isNotNull();
        return post;
    }

    /** The HTTP client reports a failure on its own thread; wait until it has scheduled the retry. */
    private void awaitRetryScheduled() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (time.pendingTasks() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(time.pendingTasks()).as("a retry scheduled").isEqualTo(1);
    }

    private void awaitLogged(int n) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (logged.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(logged).hasSizeGreaterThanOrEqualTo(n);
    }

    private static String hmacHex(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Keeps WARNING and above. */
    private record ListLogger(List<String> messages) implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.WARNING.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                messages.add(msg);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                messages.add(
                        params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params));
            }
        }
    }
}
