package io.legnext.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.fake.FakeTimings;
import io.legnext.core.job.Job;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.service.JobWaiter;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, measured on a real scheduler: 10,000 concurrent waits on one {@link ExecutorScheduler} of 2 threads
 * (accelerated 100x, so 150-360 s jobs take 1.5-3.6 s), the live threads and the heap they cost.
 */
class ManyWaitsBenchmark {

    private static final int WAITS = 10_000;
    private static final double SPEED = 100;
    private static final FakeTimings UNIFORM_150_TO_360 = FakeTimings.fixed(Duration.ZERO)
            .withVideoDiffusion(FakeTimings.Range.ofSeconds(150, 360), FakeTimings.Range.ofSeconds(150, 360));
    private static final double MIB = 1024.0 * 1024.0;

    @Test
    void tenThousandWaitsShareTwoSchedulerThreads() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicInteger maxThreads = new AtomicInteger();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        maxThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
        // The baseline includes the sampler, so what the waits add is measured alone.
        int threadsBefore = threads.getThreadCount();
        long heapBefore = usedHeapAfterGc(memory);
        long start = System.nanoTime();

        List<CompletableFuture<Job>> futures = new ArrayList<>(WAITS);
        AtomicLong lookups = new AtomicLong();
        long heapDuring;
        try (ExecutorScheduler scheduler = ExecutorScheduler.create(2, SPEED)) {
            // Jobs spread over 150-360 s each, all at once: no limit on concurrent jobs to queue them behind.
            FakeLegnext fake = FakeLegnext.builder(scheduler)
                    .seed(42)
                    .timings(UNIFORM_150_TO_360)
                    .unlimitedConcurrentJobs()
                    .availablePoints(WAITS * 1000L)
                    .build();
            JobQueryPort counting = id -> {
                lookups.incrementAndGet();
                return fake.getJob(id);
            };
            JobWaiter waiter = new JobWaiter(counting, scheduler, PollingPolicy.defaults());
            for (int i = 0; i < WAITS; i++) {
                Job submitted = fake.generate(TextToVideo.of("a lighthouse at dusk, take " + i));
                futures.add(waiter.waitFor(submitted, WaitOptions.defaults()));
            }
            // All waits in flight: the first lookups are 160 scheduler seconds (1.6 s) away.
            heapDuring = usedHeapAfterGc(memory);
            int active = waiter.activeWaits();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            BenchResults.record("waits.many.in_flight", active, "waits");
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long completed = futures.stream().filter(f -> f.join().isCompleted()).count();

        int added = maxThreads.get() - threadsBefore;
        double heapGrowth = (heapDuring - heapBefore) / MIB;
        BenchResults.record("waits.many.completed", completed, "waits");
        BenchResults.record("waits.many.threads.added_max", added, "threads");
        BenchResults.record("waits.many.threads.live_max", maxThreads.get(), "threads");
        BenchResults.record("waits.many.heap_growth", heapGrowth, "MiB");
        BenchResults.record("waits.many.lookups", lookups.get(), "lookups");
        BenchResults.record("waits.many.wall_time", seconds, "s");

        assertThat(completed).isEqualTo(WAITS);
        assertThat(added).as("threads the waits added").isLessThanOrEqualTo(8);
        assertThat(heapGrowth).as("heap growth, MiB").isLessThan(64);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
