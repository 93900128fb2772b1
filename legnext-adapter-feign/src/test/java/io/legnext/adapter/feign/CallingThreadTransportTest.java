package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapter's own HTTP client runs the client's work on the calling thread (no hand-off to a worker pool): what
 * could go wrong with that does not. A request timeout still fires against a service that accepts the connection
 * and never answers (over TLS it never even finishes the handshake, and the request timeout ends that too), an interrupted caller stops waiting, and a
 * lookup that hangs holds up no other lookup on the same adapter, over HTTP/1.1 and over HTTP/2, where both share
 * one connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallingThreadTransportTest {

    private final JobId id = JobId.random();

    @BeforeEach
    void freshStub() {
        StubLegnext.reset();
    }

    @ParameterizedTest
    @EnumSource(StubLegnext.Transport.class)
    void aRequestTimeoutFiresAgainstAServiceThatNeverAnswers(StubLegnext.Transport transport) throws Exception {
        try (Silent silent = new Silent()) {
            LegnextHttpAdapter adapter = StubLegnext.adapter(transport)
                    .baseUri(silent.uri(transport))
                    .requestTimeout(Duration.ofMillis(300))
                    .lookupRetry(RetryPolicy.NONE)
                    .build();

            // Over TLS the silent service never finishes the handshake: the request was never sent, and is told so.
            String expected = transport == StubLegnext.Transport.PLAIN
                    ? "no answer within the request timeout"
                    : "(connecting timed out), so the request was not sent";
            assertThatThrownBy(() -> adapter.getJob(id))
                    .asInstanceOf(type(ServiceUnavailableException.class))
                    .satisfies(e -> assertThat(e.getMessage()).contains(expected));
            assertThat(silent.accepted.getCount())
                    .as("connections the silent service accepted")
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(StubLegnext.Transport.class)
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt(StubLegnext.Transport transport) throws Exception {
        try (Silent silent = new Silent()) {
            LegnextHttpAdapter adapter = StubLegnext.adapter(transport)
                    .baseUri(silent.uri(transport))
                    .requestTimeout(Duration.ofMinutes(5))
                    .lookupRetry(RetryPolicy.NONE)
                    .build();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    adapter.getJob(id);
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertThat(silent.accepted.await(30, TimeUnit.SECONDS))
                    .as("the call reached the service")
                    .isTrue();

            caller.interrupt();
            caller.join();

            assertThat(failure.get())
                    .asInstanceOf(type(ServiceUnavailableException.class))
                    .satisfies(e -> assertThat(e.getMessage()).contains("interrupted"));
            assertThat(stillInterrupted.get()).as("the caller's interrupt flag").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StubLegnext.Transport.class)
    void aLookupThatHangsHoldsUpNoOtherLookupOnTheSameAdapter(StubLegnext.Transport transport) throws Exception {
        JobId hanging = JobId.random();
        StubLegnext.stub(get("/api/v1/job/" + hanging)
                .willReturn(
                        json(200, Payloads.completedVideo(hanging.toString())).withFixedDelay(120_000)));
        StubLegnext.givenTask(id, Payloads.completedVideo(id.toString()));
        LegnextHttpAdapter adapter = StubLegnext.adapter(transport)
                .requestTimeout(Duration.ofMinutes(5))
                .lookupRetry(RetryPolicy.NONE)
                .build();
        // A first lookup opens the connection that, over HTTP/2, every later one shares.
        adapter.getJob(id);
        CompletableFuture<Job> held = new CompletableFuture<>();
        Thread holder = new Thread(() -> {
            try {
                held.complete(adapter.getJob(hanging));
            } catch (RuntimeException e) {
                held.completeExceptionally(e);
            }
        });
        holder.start();
        // The stub journals a request when it arrives, before the delay: from then on the hanging one is in flight.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (StubLegnext.requestCount("GET", "/api/v1/job/" + hanging) == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }

        List<Job> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(adapter.getJob(id));
        }

        assertThat(StubLegnext.requestCount("GET", "/api/v1/job/" + hanging)).isEqualTo(1);
        assertThat(others).allSatisfy(job -> assertThat(job.isCompleted()).isTrue());
        assertThat(held).as("the hanging lookup, still waiting").isNotDone();
        holder.interrupt();
        holder.join();
        assertThat(held).isCompletedExceptionally();
    }

    /** A service that accepts connections and never sends a byte. */
    private static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final CountDownLatch accepted = new CountDownLatch(1);
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        Silent() throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                        accepted.countDown();
                    }
                } catch (IOException e) {
                    // closed: done
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri(StubLegnext.Transport transport) {
            return URI.create((transport == StubLegnext.Transport.PLAIN ? "http" : "https") + "://127.0.0.1:"
                    + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
