package io.legnext.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.inmemory.InMemoryBatchStore;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.service.BatchService;
import io.legnext.core.service.JobWaiter;
import io.legnext.core.service.VideoJobService;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.PollingPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's batch benchmark: 1,000 items on the fake in virtual time, run by the batch service with its default
 * limit of 6 and the adaptive polling policy. Prints the wall time, the service time the batch took, the most
 * jobs ever unfinished at the service at a submit (the limit, never above it), lookups per item, and how much the
 * heap grew with the batch's state held.
 */
class BatchBenchmark {

    private static final int ITEMS = 1000;

    /** Counts the jobs submitted and not yet seen to end at the service; the most at any submit. */
    private static final class InFlightAtTheService implements VideoGenerationPort {
        private final FakeLegnext fake;
        private final Set<JobId> unfinished = new HashSet<>();
        int most;
        int submits;

        InFlightAtTheService(FakeLegnext fake) {
            this.fake = fake;
        }

        private synchronized Job watch(Supplier<Job> submit) {
            unfinished.removeIf(id -> fake.getJob(id).isTerminal());
            Job job = submit.get();
            submits++;
            unfinished.add(job.id());
            most = Math.max(most, unfinished.size());
            return job;
        }

        @Override
        public Job generate(VideoDiffusion request) {
            return watch(() -> fake.generate(request));
        }

        @Override
        public Job extend(ExtendVideo request) {
            return watch(() -> fake.extend(request));
        }

        @Override
        public Job upscale(UpscaleVideo request) {
            return watch(() -> fake.upscale(request));
        }
    }

    @Test
    void aThousandItemsOnTheFake() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = settledHeap(memory);

        VirtualTime time = new VirtualTime();
        FakeLegnext fake = FakeLegnext.builder(time)
                .seed(15)
                .availablePoints(ITEMS * 1000L)
                .build();
        AtomicLong lookups = new AtomicLong();
        JobQueryPort counting = id -> {
            lookups.incrementAndGet();
            return fake.getJob(id);
        };
        InMemoryJobJournal journal = new InMemoryJobJournal();
        InFlightAtTheService submits = new InFlightAtTheService(fake);
        VideoJobService videos = new VideoJobService(submits, counting, journal, time.clock());
        JobWaiter waiter =
                new JobWaiter(counting, time, PollingPolicy.defaults(), new SplittableRandom(15)::nextDouble);
        BatchService batches = new BatchService(videos, waiter, fake, journal, new InMemoryBatchStore(), time);
        Batch batch = Batch.of(
                "bench",
                IntStream.range(0, ITEMS)
                        .mapToObj(i -> new BatchItem(
                                "item-" + i, new BatchStep.Generate(TextToVideo.of("a lighthouse at dusk, take " + i))))
                        .toList());

        Instant serviceStart = time.now();
        long wallStart = System.nanoTime();
        CompletableFuture<BatchReport> run = batches.run(batch, BatchOptions.defaults());
        while (!run.isDone()) {
            time.advance(Duration.ofMinutes(10));
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        BatchReport report = run.join();
        Duration serviceTime = Duration.between(serviceStart, time.now());
        long heapAfter = settledHeap(memory);

        BenchResults.record("batch.items", ITEMS, "items");
        BenchResults.record("batch.wall_time", wallSeconds, "s");
        BenchResults.record("batch.service_time", serviceTime.toMinutes() / 60.0, "h");
        BenchResults.record("batch.most_in_flight", submits.most, "jobs");
        BenchResults.record("batch.limit", BatchOptions.DEFAULT_MAX_IN_FLIGHT, "jobs");
        BenchResults.record("batch.submits", submits.submits, "POSTs");
        BenchResults.record("batch.lookups_per_item", (double) lookups.get() / ITEMS, "lookups");
        BenchResults.record("batch.heap_growth", (heapAfter - heapBefore) / 1024.0 / 1024.0, "MiB");
        BenchResults.record(
                "batch.heap_growth_per_item", Math.max(0, heapAfter - heapBefore) / (double) ITEMS, "bytes");
        BenchResults.record(
                "batch.targets_met",
                report.allCompleted() && submits.most == BatchOptions.DEFAULT_MAX_IN_FLIGHT && submits.submits == ITEMS
                        ? 1
                        : 0,
                "(1 = all completed, in flight equal to the limit, one POST per item)");

        assertThat(report.allCompleted()).isTrue();
        assertThat(submits.submits).isEqualTo(ITEMS);
        assertThat(submits.most).isEqualTo(BatchOptions.DEFAULT_MAX_IN_FLIGHT);
        // Keeps what the heap figure measured reachable until it was taken.
        assertThat(fake.jobCount()).isEqualTo(ITEMS);
        assertThat(journal.find(report.items().get(0).jobId().orElseThrow())).isPresent();
    }

    /** Heap in use after the collector settled: the smallest of a few readings after System.gc(). */
    private static long settledHeap(MemoryMXBean memory) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
