package io.legnext.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.legnext.adapter.feign.ApiKey;
import io.legnext.adapter.feign.LegnextHttpAdapter;
import io.legnext.core.job.JobId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, client overhead: one job lookup through the Feign adapter and through a minimal raw baseline (the JDK
 * HttpClient plus Jackson, no retries), against the same stub on 127.0.0.1, at 1 and 16 threads.
 *
 * <p>A hand-written harness rather than JMH: each call is an HTTP round trip of about a millisecond, far above what
 * JMH's guards (dead-code elimination, constant folding) protect against, and the figure that matters is a ratio.
 * The stub runs in a JVM of its own ({@link BenchStubServer}): in the clients' JVM it shares their heap, and the
 * adapter's extra allocation stalled it in GC pauses, which measured the stub more than the client.
 * What the harness does instead: a long warm-up of both clients (20,000 calls each: Feign's invocation path needs
 * tens of thousands of calls before C2 has compiled it, and a short warm-up measured the JIT, not the client), then
 * rounds that alternate baseline and ours so that drift of the machine (GC, the other core) hits both alike, and
 * medians over all calls. Besides latency and throughput, each contender's CPU per call (this whole JVM, from
 * {@code OperatingSystemMXBean}): on 2 cores shared with the stub it is what the latency gap is made of, and it is
 * far less noisy.
 *
 * <p>Both pairs run twice: over HttpClients as built by default, which is what the targets are about, and over one
 * whose executor is {@code Runnable::run}. The JDK client's default executor hands each response from its selector
 * thread to a worker thread; on loopback that hand-off is a third of a lookup's CPU, for the baseline and ours alike.
 * The second pair says what a host gains by passing such a client ({@code LegnextHttpAdapter.Builder.httpClient}),
 * and what the adapter costs over a raw client when the transport is not what dominates.
 */
class ClientOverheadBenchmark {

    private static final int WARMUP_CALLS = 20_000;
    private static final int ROUNDS = 10;
    private static final int CALLS_PER_ROUND = 1_600;
    private static final String KEY = "lk_bench_key";
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static Process stub;
    private static int port;
    private static JobId id;
    private static String body;

    @BeforeAll
    static void startStub() throws Exception {
        id = JobId.random();
        body = """
                {"job_id":"%s","model":"midjourney","task_type":"video_diffusion","status":"completed",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"","secret":""}},"input":null,
                 "output":{"video_urls":["https://cdn.legnext.ai/temp/1761044022619.mp4",
                 "https://cdn.legnext.ai/temp/1761044022620.mp4","https://cdn.legnext.ai/temp/1761044022621.mp4",
                 "https://cdn.legnext.ai/temp/1761044022622.mp4"],"seed":"1723670005",
                 "available_actions":{"extend":[0,1,2,3],"upscale":[0,1,2,3]}},
                 "meta":{"created_at":"2025-10-21T10:51:46Z","started_at":"2025-10-21T10:51:47Z",
                 "ended_at":"2025-10-21T10:54:22Z","usage":{"type":"point","frozen":480,"consume":480}},
                 "detail":null,"logs":[],"error":{"code":0,"message":"","raw_message":"","detail":null}}
                """.formatted(id);
        stub = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        BenchStubServer.class.getName(),
                        body)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("port=")) {
                port = Integer.parseInt(line.substring("port=".length()).strip());
                break;
            }
        }
        assertThat(port).as("the stub server's port").isPositive();
    }

    @AfterAll
    static void stopStub() throws Exception {
        stub.getOutputStream().close();
        if (!stub.waitFor(10, TimeUnit.SECONDS)) {
            stub.destroyForcibly();
        }
    }

    @Test
    void theAdapterAddsLittleToARawLookup() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient sameThread = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Runnable::run)
                .build();
        LegnextHttpAdapter ours =
                LegnextHttpAdapter.builder(ApiKey.of(KEY)).baseUri(base).build();
        LegnextHttpAdapter oursSameThread = LegnextHttpAdapter.builder(ApiKey.of(KEY))
                .baseUri(base)
                .httpClient(sameThread)
                .build();
        RawClient raw = new RawClient(
                base,
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build());
        RawClient rawSameThread = new RawClient(base, sameThread);
        // The pair the targets are about, then the same pair over an HttpClient that runs its work on the threads
        // it already has (executor Runnable::run): what a host can tune, measured rather than claimed.
        Map<String, Callable<Object>> contenders = new LinkedHashMap<>();
        contenders.put("baseline", () -> raw.getJob(id));
        contenders.put("legnext", () -> ours.getJob(id));
        contenders.put("baseline_same_thread_executor", () -> rawSameThread.getJob(id));
        contenders.put("legnext_same_thread_executor", () -> oursSameThread.getJob(id));

        for (int i = 0; i < WARMUP_CALLS; i++) {
            for (Callable<Object> call : contenders.values()) {
                call.call();
            }
        }
        double[] medianRatio = new double[2];
        double[] throughputRatio = new double[2];
        int[] threadCounts = {1, 16};
        for (int t = 0; t < threadCounts.length; t++) {
            int threads = threadCounts[t];
            Map<String, Measurement> measured = new LinkedHashMap<>();
            contenders.keySet().forEach(name -> measured.put(name, new Measurement()));
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Callable<Object>> contender : contenders.entrySet()) {
                    run(contender.getValue(), threads, measured.get(contender.getKey()));
                }
            }
            String prefix = "client.lookup." + threads + "t.";
            measured.forEach((name, m) -> {
                BenchResults.record(prefix + name + ".median", m.median() / 1000.0, "us");
                BenchResults.record(prefix + name + ".p99", m.p99() / 1000.0, "us");
                BenchResults.record(prefix + name + ".throughput", m.throughput(), "calls/s");
                BenchResults.record(prefix + name + ".cpu_per_call", m.cpuPerCall() / 1000.0, "us");
            });
            Measurement base1 = measured.get("baseline");
            Measurement ours1 = measured.get("legnext");
            medianRatio[t] = ours1.median() / base1.median();
            throughputRatio[t] = ours1.throughput() / base1.throughput();
            BenchResults.recordRatio(prefix + "ratio.median_latency", medianRatio[t], "ours/baseline");
            BenchResults.recordRatio(prefix + "ratio.p99_latency", ours1.p99() / base1.p99(), "ours/baseline");
            BenchResults.recordRatio(prefix + "ratio.throughput", throughputRatio[t], "ours/baseline");
            BenchResults.recordRatio(
                    prefix + "ratio.cpu_per_call", ours1.cpuPerCall() / base1.cpuPerCall(), "ours/baseline");
            Measurement baseTuned = measured.get("baseline_same_thread_executor");
            Measurement oursTuned = measured.get("legnext_same_thread_executor");
            BenchResults.recordRatio(
                    prefix + "ratio.same_thread_executor_vs_baseline.median_latency",
                    oursTuned.median() / base1.median(),
                    "ours/baseline");
            BenchResults.recordRatio(
                    prefix + "ratio.same_thread_executor_vs_baseline.throughput",
                    oursTuned.throughput() / base1.throughput(),
                    "ours/baseline");
            BenchResults.recordRatio(
                    prefix + "ratio.both_same_thread_executor.median_latency",
                    oursTuned.median() / baseTuned.median(),
                    "ours/baseline");
            BenchResults.recordRatio(
                    prefix + "ratio.both_same_thread_executor.throughput",
                    oursTuned.throughput() / baseTuned.throughput(),
                    "ours/baseline");
            // What the executor does for the adapter alone: the tuning tip in the README, as measured.
            BenchResults.recordRatio(
                    prefix + "legnext_same_thread_executor_vs_default.median_latency",
                    oursTuned.median() / ours1.median(),
                    "tuned/default");
            BenchResults.recordRatio(
                    prefix + "legnext_same_thread_executor_vs_default.cpu_per_call",
                    oursTuned.cpuPerCall() / ours1.cpuPerCall(),
                    "tuned/default");
        }

        // Issue 7's targets: median latency at most 1.15 x the baseline, throughput at least 0.9 x at 16 threads.
        // Whether they are met is a figure of its own; the assertions below only catch a regression well beyond
        // the run-to-run noise of a 2-core machine, so that every other benchmark still gets to print its figures.
        boolean met = medianRatio[0] <= 1.15 && medianRatio[1] <= 1.15 && throughputRatio[1] >= 0.9;
        BenchResults.record("client.lookup.targets_met", met ? 1 : 0, "(1 = yes)");
        assertThat(medianRatio[0]).as("median latency ratio, 1 thread").isLessThan(1.5);
        assertThat(medianRatio[1]).as("median latency ratio, 16 threads").isLessThan(1.5);
        assertThat(throughputRatio[1]).as("throughput ratio, 16 threads").isGreaterThan(0.7);
    }

    private static void run(Callable<Object> call, int threads, Measurement into) throws Exception {
        int perThread = CALLS_PER_ROUND / threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    long[] latencies = new long[perThread];
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        long start = System.nanoTime();
                        call.call();
                        latencies[i] = System.nanoTime() - start;
                    }
                    return latencies;
                }));
            }
            long cpuBefore = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            go.countDown();
            for (Future<long[]> f : results) {
                into.add(f.get());
            }
            into.addElapsed(
                    System.nanoTime() - start, PROCESS.getProcessCpuTime() - cpuBefore, (long) perThread * threads);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The minimal client the adapter is measured against: what a user would write by hand, no retries. */
    private static final class RawClient {
        private final HttpClient http;
        private final ObjectMapper mapper = new ObjectMapper();
        private final URI base;

        RawClient(URI base, HttpClient http) {
            this.base = base;
            this.http = http;
        }

        JsonNode getJob(JobId id) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/job/" + id))
                    .timeout(Duration.ofSeconds(30))
                    .header("x-api-key", KEY)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return mapper.readTree(response.body());
        }
    }

    private static final class Measurement {
        private final List<long[]> latencies = new ArrayList<>();
        private long elapsedNanos;
        private long cpuNanos;
        private long calls;

        void add(long[] values) {
            latencies.add(values);
        }

        void addElapsed(long nanos, long cpu, long n) {
            elapsedNanos += nanos;
            cpuNanos += cpu;
            calls += n;
        }

        /** CPU of this whole JVM (callers, the HTTP client's threads, GC) per call; the stub runs in another. */
        double cpuPerCall() {
            return (double) cpuNanos / calls;
        }

        private double[] sorted() {
            double[] all = latencies.stream()
                    .flatMapToLong(Arrays::stream)
                    .asDoubleStream()
                    .toArray();
            Arrays.sort(all);
            return all;
        }

        double median() {
            return BenchResults.quantile(sorted(), 0.5);
        }

        double p99() {
            return BenchResults.quantile(sorted(), 0.99);
        }

        double throughput() {
            return calls / (elapsedNanos / 1e9);
        }
    }
}
