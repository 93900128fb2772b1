package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.legnext.core.job.Job;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.url.CallbackUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A callback its submitting process never delivered (it ended first) is delivered by a later one that opens the
 * store, once: every process claims a delivery under the lock before it makes it. Each instance has a virtual
 * clock of its own, as separate processes would; one that is never advanced is a process that ended.
 */
class StoreCallbacksTest {

    /** Pending and staged 0 s, every operation 4 min. */
    private static final FakeTimings FOUR_MINUTES = FakeTimings.fixed(Duration.ZERO)
            .withVideoDiffusion(
                    FakeTimings.Range.exactly(Duration.ofMinutes(4)), FakeTimings.Range.exactly(Duration.ofMinutes(4)));
    /** Only bounds a failing run on a machine whose cores are busy. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Instant START = Instant.parse("2026-05-01T08:00:00Z");

    @TempDir
    Path dir;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private HttpServer server;
    private CallbackUrl callback;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        callback = CallbackUrl.parse("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private FakeLegnext open(VirtualTime time) {
        return FakeLegnext.builder(time).timings(FOUR_MINUTES).persistentIn(dir).build();
    }

    @Test
    void aLaterProcessDeliversWhatAnEndedOneLeftAndNoOtherDeliversItAgain() throws Exception {
        VirtualTime endedProcess = new VirtualTime(START);
        FakeLegnext submitter = open(endedProcess);
        Job job = submitter.generate(TextToVideo.of("a cat walks").withCallback(callback));

        VirtualTime later = new VirtualTime(START.plus(Duration.ofMinutes(5)));
        FakeLegnext opener = open(later);
        later.advance(Duration.ZERO);
        assertThat(opener.awaitCallbacks(PATIENCE)).isTrue();

        String body = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(body).contains(job.id().toString()).contains("\"status\":\"completed\"");

        VirtualTime another = new VirtualTime(START.plus(Duration.ofMinutes(6)));
        FakeLegnext third = open(another);
        another.advance(Duration.ZERO);
        // The submitter comes back to its own delivery: claimed already, it is not made again.
        endedProcess.advance(Duration.ofMinutes(5));
        assertThat(third.awaitCallbacks(PATIENCE)).isTrue();
        assertThat(submitter.awaitCallbacks(PATIENCE)).isTrue();
        assertThat(received).isEmpty();
    }

    @Test
    void aCallbackNotYetDueIsDeliveredAtTheJobsEndByTheProcessThatIsThen() throws Exception {
        VirtualTime endedProcess = new VirtualTime(START);
        Job job = open(endedProcess).generate(TextToVideo.of("a dog runs").withCallback(callback));

        VirtualTime later = new VirtualTime(START.plus(Duration.ofMinutes(1)));
        FakeLegnext opener = open(later);
        later.advance(Duration.ofMinutes(3));

        assertThat(received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .contains(job.id().toString());
        assertThat(opener.awaitCallbacks(PATIENCE)).isTrue();
    }
}
