package io.legnext.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.feign.ApiKey;
import io.legnext.adapter.feign.JacksonTaskDecoder;
import io.legnext.adapter.feign.LegnextHttpAdapter;
import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.service.CallbackReceiver;
import io.legnext.core.service.JobWaiter;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters, fed by real events: waits on the fake in virtual time, HTTP attempts against a stub on 127.0.0.1,
 * callbacks through the core's receiver; read back from a {@link SimpleMeterRegistry}.
 */
class LegnextMetricsTest {

    private final VirtualTime time = new VirtualTime();
    private final FakeLegnext fake = FakeLegnext.builder(time).seed(4).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LegnextMetrics metrics = new LegnextMetrics();
    private final JobWaiter waiter = new JobWaiter(fake, time, PollingPolicy.defaults(), () -> 0.5, metrics);

    @BeforeEach
    void bind() {
        metrics.bindTo(registry);
    }

    private double activeWaits() {
        return registry.get(LegnextMetrics.WAITS_ACTIVE).gauge().value();
    }

    private Timer jobs(String kind, String outcome) {
        return registry.get(LegnextMetrics.JOBS_DURATION)
                .tag("kind", kind)
                .tag("outcome", outcome)
                .timer();
    }

    private Timer requests(String operation, String outcome) {
        return registry.get(LegnextMetrics.HTTP_REQUESTS)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .timer();
    }

    private CompletableFuture<Job> submitAndWait(WaitOptions options) {
        return waiter.waitFor(fake.generate(TextToVideo.of("a lighthouse at dusk")), options);
    }

    // ---------------------------------------------------------------- waits and jobs

    @Test
    void theGaugeOfWaitsInFlightIsThereFromTheStartAndFollowsEveryWait() {
        assertThat(activeWaits()).isZero();

        submitAndWait(WaitOptions.defaults());
        submitAndWait(WaitOptions.defaults());
        assertThat(activeWaits()).isEqualTo(2);

        time.advance(Duration.ofMinutes(10));
        assertThat(activeWaits()).isZero();
    }

    @Test
    void aCompletedJobIsTimedByItsKindAndOutcomeFromItsCreationToItsEnd() {
        CompletableFuture<Job> wait = submitAndWait(WaitOptions.defaults());
        time.advance(Duration.ofMinutes(10));
        Job done = wait.join();

        Timer completed = jobs("video_diffusion", "completed");
        assertThat(completed.count()).isEqualTo(1);
        assertThat(completed.totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(Duration.between(
                                done.createdAt().orElseThrow(), done.endedAt().orElseThrow())
                        .toMillis());
    }

    @Test
    void aFailedJobATimeoutAndACancelAreEachTimedUnderTheirOutcome() {
        fake.failNextJob(10001, "Sensitive content detected");
        submitAndWait(WaitOptions.defaults());
        submitAndWait(WaitOptions.defaults().withTimeout(Duration.ofMinutes(1)));
        CompletableFuture<Job> cancelled = submitAndWait(WaitOptions.defaults());
        time.advance(Duration.ofSeconds(30));
        cancelled.cancel(false);
        time.advance(Duration.ofMinutes(10));

        assertThat(jobs("video_diffusion", "failed").count()).isEqualTo(1);
        assertThat(jobs("video_diffusion", "timed_out").count()).isEqualTo(1);
        assertThat(jobs("video_diffusion", "timed_out").totalTime(TimeUnit.SECONDS))
                .isEqualTo(60);
        assertThat(jobs("video_diffusion", "cancelled").count()).isEqualTo(1);
        assertThat(activeWaits()).isZero();
    }

    @Test
    void aWaitThatNeverSawItsJobIsTimedUnderAnUnknownKind() {
        waiter.waitFor(JobId.random(), WaitOptions.defaults());
        time.advance(Duration.ofMinutes(1));

        assertThat(jobs("unknown", "error").count()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- HTTP

    @Test
    void httpAttemptsAreTimedByOperationAndOutcomeAndRetriesAreCounted() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/api/v1/job/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/v1/job/".length());
            boolean first = lookups.getAndIncrement() == 0;
            answer(exchange, first ? 503 : 200, first ? "{\"code\":503,\"message\":\"busy\"}" : completed(id));
        });
        stub.createContext(
                "/api/account/balance",
                exchange -> answer(exchange, 401, "{\"code\":401,\"message\":\"Failed to verify api key\"}"));
        stub.start();
        try {
            LegnextHttpAdapter adapter = LegnextHttpAdapter.builder(ApiKey.of("test-key"))
                    .baseUri(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))
                    .sleeper(d -> {})
                    .listener(metrics)
                    .build();

            adapter.getJob(JobId.random());
            assertThatThrownBy(adapter::getBalance).isInstanceOf(LegnextException.class);
        } finally {
            stub.stop(0);
        }

        assertThat(requests("job_lookup", "5xx").count()).isEqualTo(1);
        assertThat(requests("job_lookup", "2xx").count()).isEqualTo(1);
        assertThat(requests("balance", "4xx").count()).isEqualTo(1);
        assertThat(registry.get(LegnextMetrics.HTTP_RETRIES)
                        .tag("operation", "job_lookup")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find(LegnextMetrics.HTTP_RETRIES)
                        .tag("operation", "balance")
                        .counter())
                .isNull();
    }

    @Test
    void anAttemptThatGotNoAnswerIsAnIoOutcome() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        LegnextHttpAdapter adapter = LegnextHttpAdapter.builder(ApiKey.of("test-key"))
                .baseUri(URI.create("http://127.0.0.1:" + closedPort))
                .sleeper(d -> {})
                .listener(metrics)
                .build();

        assertThatThrownBy(() -> adapter.getJob(JobId.random())).isInstanceOf(LegnextException.class);

        // The lookup policy's four attempts, three of them retried.
        assertThat(requests("job_lookup", "io").count()).isEqualTo(4);
        assertThat(registry.get(LegnextMetrics.HTTP_RETRIES).counter().count()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- callbacks

    @Test
    void callbacksAreCountedByOutcomeAndReason() {
        CallbackReceiver receiver =
                new CallbackReceiver(new JacksonTaskDecoder(), Optional.empty(), time.clock(), waiter, metrics);
        byte[] task = completed(JobId.random().toString()).getBytes(StandardCharsets.UTF_8);

        receiver.receive(task, Map.of());
        receiver.receive(task, Map.of());
        assertThatThrownBy(() -> receiver.receive("{}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(CallbackRejectedException.class);

        assertThat(callbacks("accepted", "none")).isEqualTo(1);
        assertThat(callbacks("duplicate", "none")).isEqualTo(1);
        assertThat(callbacks("refused", "malformed")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- binding

    @Test
    void eventsBeforeBindingAreNotCountedAndEveryBoundRegistryRecordsWhatFollows() {
        LegnextMetrics unbound = new LegnextMetrics();
        JobWaiter early = new JobWaiter(fake, time, PollingPolicy.defaults(), () -> 0.5, unbound);
        early.waitFor(fake.generate(TextToVideo.of("before")), WaitOptions.defaults());
        time.advance(Duration.ofMinutes(10));
        SimpleMeterRegistry one = new SimpleMeterRegistry();
        SimpleMeterRegistry two = new SimpleMeterRegistry();

        unbound.bindTo(one);
        unbound.bindTo(two);
        early.waitFor(fake.generate(TextToVideo.of("after")), WaitOptions.defaults());
        time.advance(Duration.ofMinutes(10));

        for (SimpleMeterRegistry r : new SimpleMeterRegistry[] {one, two}) {
            assertThat(r.get(LegnextMetrics.JOBS_DURATION).timer().count()).isEqualTo(1);
            assertThat(r.get(LegnextMetrics.WAITS_ACTIVE).gauge().value()).isZero();
        }
    }

    private double callbacks(String outcome, String reason) {
        return registry.get(LegnextMetrics.CALLBACKS)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static String completed(String id) {
        return "{\"job_id\":\"" + id + "\",\"task_type\":\"video_diffusion\",\"status\":\"completed\","
                + "\"meta\":{\"created_at\":\"2025-10-21T10:51:46Z\",\"ended_at\":\"2025-10-21T10:55:06Z\"},"
                + "\"output\":{\"video_urls\":[\"https://cdn.legnext.ai/temp/0.mp4\"]},\"error\":{\"code\":0}}";
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
