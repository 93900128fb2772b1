package io.legnext.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.legnext.adapter.feign.RetryPolicy;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.time.VirtualTime;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The facade's builder offers what the adapter offers, and takes a host's own ports. */
class LegnextBuilderTest {

    private final VirtualTime time = new VirtualTime();
    private HttpServer stub;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        stub.createContext("/api/v1/job/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"code\":503,\"message\":\"busy\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.createContext("/api/account/balance", exchange -> {
            requests.incrementAndGet();
            try {
                release.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        release.countDown();
        stub.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    @Test
    void theLookupRetryPolicyIsTheHosts() {
        try (Legnext legnext = Legnext.builder()
                .http("test-key")
                .baseUri(base())
                .scheduler(time)
                .lookupRetry(RetryPolicy.NONE)
                .build()) {

            assertThatThrownBy(() -> legnext.getJob(JobId.random())).isInstanceOf(ServiceUnavailableException.class);
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void theRequestTimeoutIsTheHosts() {
        try (Legnext legnext = Legnext.builder()
                .http("test-key")
                .baseUri(base())
                .scheduler(time)
                .requestTimeout(Duration.ofMillis(200))
                .lookupRetry(RetryPolicy.NONE)
                .build()) {

            // With the default 30 s this would still be waiting; the stub never answers.
            assertThatThrownBy(legnext::getBalance)
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("request timeout");
        }
    }

    @Test
    void requestsGoThroughTheHostsHttpClient() {
        AtomicInteger tasks = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder()
                .executor(r -> {
                    tasks.incrementAndGet();
                    r.run();
                })
                .build();
        try (Legnext legnext = Legnext.builder()
                .http("test-key")
                .baseUri(base())
                .scheduler(time)
                .httpClient(client)
                .lookupRetry(RetryPolicy.NONE)
                .build()) {

            assertThatThrownBy(() -> legnext.getJob(JobId.random())).isInstanceOf(ServiceUnavailableException.class);
        }
        assertThat(tasks.get()).isPositive();
    }

    @Test
    void badTimeoutsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Legnext.builder()
                        .http("test-key")
                        .connectTimeout(Duration.ofSeconds(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'connectTimeout' must be positive");
        assertThatThrownBy(() -> Legnext.builder()
                        .http("test-key")
                        .requestTimeout(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'requestTimeout' must be positive");
    }

    @Test
    void aHostsOwnPortsServeEveryUseCaseWithoutAnAdapter() throws Exception {
        HostPorts ports = new HostPorts();
        try (Legnext legnext = Legnext.builder()
                .generationPort(ports)
                .queryPort(ports)
                .accountPort(ports)
                .scheduler(time)
                .build()) {

            Job accepted = legnext.generate(TextToVideo.of("https://example.com/cat.jpg a cat walks"));
            var done = legnext.waitFor(accepted.id());
            time.runUntilIdle(Duration.ofHours(1));

            assertThat(ports.submitted).hasSize(1);
            assertThat(done.get().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(legnext.getBalance().availablePoints()).isEqualTo(7);
            assertThat(legnext.service()).isEqualTo(Legnext.HOST_SERVICE);
            assertThat(legnext.isFake()).isFalse();
        }
    }

    @Test
    void aHostPortReplacesTheFakesWhereGiven() {
        HostPorts ports = new HostPorts();
        try (Legnext legnext = Legnext.builder()
                .fake(io.legnext.adapter.fake.FakeLegnext.builder(time).build())
                .scheduler(time)
                .accountPort(ports)
                .build()) {

            assertThat(legnext.getBalance().availablePoints()).isEqualTo(7);
            assertThat(legnext.isFake()).isTrue();
        }
    }

    @Test
    void withoutAnAdapterEveryPortIsNeededAndTheMissingOnesAreNamed() {
        HostPorts ports = new HostPorts();

        assertThatThrownBy(() -> Legnext.builder().generationPort(ports).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing: queryPort, accountPort");
    }

    /** A host's own ports: jobs complete at once; the balance is fixed. */
    private static final class HostPorts implements VideoGenerationPort, JobQueryPort, AccountPort {
        final List<JobId> submitted = new CopyOnWriteArrayList<>();

        @Override
        public Job generate(VideoDiffusion request) {
            JobId id = JobId.random();
            submitted.add(id);
            return Job.builder(id, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), JobStatus.PENDING)
                    .build();
        }

        @Override
        public Job extend(ExtendVideo request) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public Job upscale(UpscaleVideo request) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public Job getJob(JobId id) {
            return Job.builder(id, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), JobStatus.COMPLETED)
                    .build();
        }

        @Override
        public AccountBalance getBalance() {
            return new AccountBalance("host", BigDecimal.ONE, 0, 7, BigDecimal.ZERO, false, Optional.empty());
        }
    }
}
