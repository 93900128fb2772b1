package io.legnext.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.fake.FakeTimings;
import io.legnext.adapter.feign.JacksonTaskDecoder;
import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.service.CallbackReceiver;
import io.legnext.core.service.JobWaiter;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import io.legnext.core.wait.WaitTimedOutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, measured in virtual time on the fake: lookups per completed job and the delay between a job's completion
 * and its detection, for jobs whose durations are uniform over 150-360 s; adaptive polling beside the official
 * Python SDK's fixed 3 s, and with callbacks.
 */
class PollingEconomyBenchmark {

    private static final int JOBS = 2000;
    private static final String SECRET = "whsec-bench-secret";
    /** Processing from the submit for 150-360 s (whole seconds, uniform): the documented 3-6 minutes. */
    private static final FakeTimings UNIFORM_150_TO_360 = FakeTimings.fixed(Duration.ZERO)
            .withVideoDiffusion(FakeTimings.Range.ofSeconds(150, 360), FakeTimings.Range.ofSeconds(150, 360));

    private static final CallbackUrl CALLBACK = CallbackUrl.parse("https://hooks.example.com/legnext");

    /** How a wait starts: from the job the submit answered, or from its id alone (a resumed wait). */
    private enum Start {
        SUBMITTED_JOB,
        JOB_ID
    }

    /** What one scenario measured. */
    private record Figures(
            int completed,
            int timedOut,
            double meanLookups,
            double p95Delay,
            double meanDelay,
            double maxDelay,
            int rejectedCallbacks) {}

    @Test
    void adaptivePollingBesideFixedThreeSecondsAndCallbacks() {
        Figures adaptive = run(WaitOptions.defaults(), Start.SUBMITTED_JOB, false);
        print("polling.adaptive", adaptive);
        Figures resumed = run(WaitOptions.defaults(), Start.JOB_ID, false);
        print("polling.adaptive_by_id", resumed);
        Figures fixed =
                run(WaitOptions.defaults().withFixedInterval(Duration.ofSeconds(3)), Start.SUBMITTED_JOB, false);
        print("polling.fixed_3s", fixed);
        Figures pythonSdk = run(
                WaitOptions.defaults().withFixedInterval(Duration.ofSeconds(3)).withTimeout(Duration.ofSeconds(300)),
                Start.SUBMITTED_JOB,
                false);
        BenchResults.record("polling.fixed_3s_300s_limit.abandoned_share", 100.0 * pythonSdk.timedOut() / JOBS, "%");
        Figures callback = run(WaitOptions.defaults().withCallbackExpected(true), Start.SUBMITTED_JOB, true);
        print("polling.callback", callback);
        Figures callbackById = run(WaitOptions.defaults().withCallbackExpected(true), Start.JOB_ID, true);
        print("polling.callback_by_id", callbackById);

        assertThat(adaptive.completed()).isEqualTo(JOBS);
        assertThat(adaptive.meanLookups()).as("adaptive lookups per job").isLessThanOrEqualTo(12);
        assertThat(adaptive.p95Delay()).as("adaptive p95 detection delay, s").isLessThanOrEqualTo(10);
        assertThat(resumed.meanLookups()).as("resumed wait: one more lookup").isLessThanOrEqualTo(12.5);
        assertThat(fixed.meanLookups()).as("fixed 3 s").isGreaterThan(60);
        assertThat(callback.completed()).isEqualTo(JOBS);
        assertThat(callback.rejectedCallbacks()).isZero();
        assertThat(callback.meanLookups()).as("lookups per job with callbacks").isLessThanOrEqualTo(2);
        assertThat(callbackById.meanLookups())
                .as("lookups per job with callbacks, by id")
                .isLessThanOrEqualTo(2);
    }

    private static void print(String name, Figures f) {
        BenchResults.record(name + ".lookups_per_job.mean", f.meanLookups(), "lookups");
        BenchResults.record(name + ".detection_delay.p95", f.p95Delay(), "s");
        BenchResults.record(name + ".detection_delay.mean", f.meanDelay(), "s");
        BenchResults.record(name + ".detection_delay.max", f.maxDelay(), "s");
    }

    private static Figures run(WaitOptions options, Start start, boolean callbacks) {
        VirtualTime time = new VirtualTime();
        AtomicInteger rejected = new AtomicInteger();
        CallbackReceiver[] receiver = new CallbackReceiver[1];
        DirectHttpClient http = new DirectHttpClient((body, headers) -> {
            try {
                receiver[0].receive(body, headers);
                return 204;
            } catch (CallbackRejectedException e) {
                rejected.incrementAndGet();
                return e.reason().httpStatus();
            }
        });
        // Jobs spread over 150-360 s each, all at once: no limit on concurrent jobs to queue them behind.
        FakeLegnext fake = FakeLegnext.builder(time)
                .seed(42)
                .timings(UNIFORM_150_TO_360)
                .unlimitedConcurrentJobs()
                .availablePoints(JOBS * 1000L)
                .webhookSecret(SECRET)
                .httpClient(http)
                .build();
        Map<JobId, AtomicInteger> lookups = new ConcurrentHashMap<>();
        JobQueryPort counting = id -> {
            lookups.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return fake.getJob(id);
        };
        JobWaiter waiter = new JobWaiter(counting, time, PollingPolicy.defaults(), new SplittableRandom(7)::nextDouble);
        receiver[0] = new CallbackReceiver(new JacksonTaskDecoder(), Optional.of(SECRET), time.clock(), waiter);

        List<Double> delays = new ArrayList<>();
        List<JobId> completedIds = new ArrayList<>();
        AtomicInteger timedOut = new AtomicInteger();
        for (int i = 0; i < JOBS; i++) {
            TextToVideo request = TextToVideo.of("a lighthouse at dusk, take " + i);
            Job submitted = fake.generate(callbacks ? request.withCallback(CALLBACK) : request);
            CompletableFuture<Job> future = start == Start.SUBMITTED_JOB
                    ? waiter.waitFor(submitted, options)
                    : waiter.waitFor(submitted.id(), options);
            future.whenComplete((job, error) -> {
                if (job != null) {
                    delays.add(Duration.between(job.endedAt().orElseThrow(), time.now())
                                    .toMillis()
                            / 1000.0);
                    completedIds.add(job.id());
                } else if (error instanceof WaitTimedOutException) {
                    timedOut.incrementAndGet();
                }
            });
        }
        time.runUntilIdle(Duration.ofHours(2));

        double[] sorted =
                delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long completedLookups = completedIds.stream()
                .mapToLong(id -> lookups.getOrDefault(id, new AtomicInteger()).get())
                .sum();
        return new Figures(
                sorted.length,
                timedOut.get(),
                sorted.length == 0 ? Double.NaN : (double) completedLookups / sorted.length,
                BenchResults.quantile(sorted, 0.95),
                sorted.length == 0
                        ? Double.NaN
                        : java.util.Arrays.stream(sorted).average().orElseThrow(),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                rejected.get());
    }
}
