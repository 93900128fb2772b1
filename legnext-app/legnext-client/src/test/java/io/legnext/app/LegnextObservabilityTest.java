package io.legnext.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.event.ApiOperation;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.HttpAttempt;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.recording.RecordingListener;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.WaitOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The facade hands the host's listener to everything it builds (both HTTP adapters, the waiter, the callback
 * receivers) and logs refused callbacks at WARN unless told not to; against a stub on 127.0.0.1.
 */
class LegnextObservabilityTest {

    private static final JobId DONE = JobId.parse("8201cd3e-1234-4d5e-9f00-0123456789ab");
    /** Answered 503 once, then completed. */
    private static final JobId FLAKY = JobId.parse("11111111-2222-4333-8444-555555555555");

    private static final byte[] NOT_A_TASK = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);

    private final VirtualTime time = new VirtualTime();
    private final RecordingListener heard = new RecordingListener();
    private final AtomicInteger flakyLookups = new AtomicInteger();
    private HttpServer stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/api/v1/job/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/v1/job/".length());
            if (id.equals(FLAKY.toString()) && flakyLookups.getAndIncrement() == 0) {
                answer(exchange, 503, "{\"code\":503,\"message\":\"busy\"}");
            } else {
                answer(exchange, 200, completed(id));
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private static String completed(String id) {
        return "{\"job_id\":\"" + id + "\",\"task_type\":\"video_diffusion\",\"status\":\"completed\","
                + "\"meta\":{\"created_at\":\"2025-10-21T10:51:46Z\",\"ended_at\":\"2025-10-21T10:55:06Z\"},"
                + "\"output\":{\"video_urls\":[\"https://cdn.legnext.ai/temp/0.mp4\"]},\"error\":{\"code\":0}}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private LegnextBuilder http() {
        return Legnext.builder()
                .http("test-key")
                .baseUri(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))
                .scheduler(time)
                .listener(heard);
    }

    @Test
    void theHostsListenerHearsBothHttpAdaptersTheWaitAndTheCallbacks() {
        try (Legnext legnext = http().build()) {
            legnext.getJob(DONE);
            CompletableFuture<Job> wait = legnext.waitFor(FLAKY);
            time.runUntilIdle(Duration.ofMinutes(1));
            assertThatThrownBy(() -> legnext.callbackReceiver(Optional.empty()).receive(NOT_A_TASK, Map.of()))
                    .isInstanceOf(CallbackRejectedException.class);

            assertThat(wait).isCompleted();
        }

        // The direct lookup (the retrying adapter), then the wait's two (the adapter that leaves retries to it).
        assertThat(heard.of(HttpAttempt.class))
                .extracting(HttpAttempt::operation, a -> a.status().getAsInt(), HttpAttempt::willRetry)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ApiOperation.JOB_LOOKUP, 200, false),
                        org.assertj.core.groups.Tuple.tuple(ApiOperation.JOB_LOOKUP, 503, false),
                        org.assertj.core.groups.Tuple.tuple(ApiOperation.JOB_LOOKUP, 200, false));
        assertThat(heard.of(WaitLookup.class)).extracting(WaitLookup::succeeded).containsExactly(false, true);
        List<WaitLookup> lookups = heard.of(WaitLookup.class);
        assertThat(lookups.get(0).nextLookupAt()).contains(lookups.get(1).at());
        assertThat(heard.of(WaitEnded.class))
                .extracting(WaitEnded::outcome)
                .containsExactly(WaitEnded.Outcome.COMPLETED);
        assertThat(heard.of(CallbackRefused.class))
                .extracting(CallbackRefused::httpStatus)
                .containsExactly(400);
    }

    @Test
    void onTheFakeTheWaitAndItsStateChangesAreHeardToo() {
        try (Legnext legnext = Legnext.builder()
                .fake(FakeLegnext.builder(time).build())
                .scheduler(time)
                .listener(heard)
                .build()) {
            Job accepted = legnext.generate(TextToVideo.of("a lighthouse at dusk"));
            CompletableFuture<Job> wait = legnext.waitFor(accepted, WaitOptions.defaults());
            time.advance(Duration.ofMinutes(10));

            assertThat(wait).isCompleted();
        }

        assertThat(heard.of(JobStateChanged.class))
                .first()
                .satisfies(c -> assertThat(c.source()).isEqualTo(JobStateChanged.Source.GIVEN));
        assertThat(heard.of(JobStateChanged.class))
                .last()
                .satisfies(c -> assertThat(c.job().isCompleted()).isTrue());
        assertThat(heard.of(WaitEnded.class))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(WaitEnded.Outcome.COMPLETED));
    }

    @Test
    void aLookupTheWaitRetriesIsLoggedAtWarnByDefault() {
        String logged = stderrOf(() -> {
            try (Legnext legnext = http().build()) {
                CompletableFuture<Job> wait = legnext.waitFor(FLAKY);
                time.runUntilIdle(Duration.ofMinutes(1));
                return wait.join();
            }
        });

        String retried = "WARN " + LoggingListener.WAITS + " - legnext lookup 1 of job " + FLAKY
                + " failed (the first failure); the wait looks again at";
        assertThat(logged.lines().filter(l -> l.contains(retried))).hasSize(1);
        assertThat(logged).doesNotContain("test-key");
    }

    @Test
    void aRefusedCallbackIsLoggedAtWarnByDefault() {
        String logged = stderrOf(() -> {
            try (Legnext legnext = http().build()) {
                return refuse(() ->
                        legnext.callbackReceiver(Optional.of("whsec-test")).receive(NOT_A_TASK, Map.of()));
            }
        });

        String refused = "WARN " + LoggingListener.CALLBACKS + " - legnext refused a callback (401, bad signature)";
        assertThat(logged.lines().filter(l -> l.contains(refused))).hasSize(1);
        assertThat(logged).doesNotContain("whsec-test");
    }

    @Test
    void aStandaloneReceiverLogsItsRefusalsAtWarnToo() {
        String logged =
                stderrOf(() -> refuse(() -> Legnext.standaloneCallbackReceiver(Optional.empty(), Clock.systemUTC())
                        .receive(NOT_A_TASK, Map.of())));

        assertThat(logged)
                .contains("WARN " + LoggingListener.CALLBACKS + " - legnext refused a callback (400," + " malformed)");
    }

    @Test
    void aHostThatTurnsLoggingOffStillHearsEveryEventButNothingIsLogged() {
        String logged = stderrOf(() -> {
            try (Legnext legnext = http().logEvents(false).build()) {
                return refuse(() -> legnext.callbackReceiver(Optional.empty()).receive(NOT_A_TASK, Map.of()));
            }
        });

        assertThat(logged).doesNotContain(LoggingListener.CALLBACKS);
        assertThat(heard.of(CallbackRefused.class)).hasSize(1);
    }

    private static boolean refuse(Runnable delivery) {
        assertThatThrownBy(delivery::run).isInstanceOf(CallbackRejectedException.class);
        return true;
    }

    /** What {@code action} printed on stderr, where the tests' SLF4J backend (slf4j-simple) writes. */
    private static String stderrOf(Supplier<?> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // What the action answers does not matter here, only what it logs on the way.
            Object[] answer = new Object[1];
            answer[0] = action.get();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
