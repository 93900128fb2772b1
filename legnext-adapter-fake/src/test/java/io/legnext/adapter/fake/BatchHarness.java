package io.legnext.adapter.fake;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.inmemory.InMemoryBatchStore;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.BatchStorePort;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * A batch service over the fake in virtual time, with the journal and the store kept across runs (a re-run after
 * a crash is a new service over the same three), and a submit port that watches the service: how many of the
 * batch's jobs were unfinished there at each submit, how many submits were refused with 429.
 */
final class BatchHarness {

    final VirtualTime time = new VirtualTime();
    final FakeLegnext fake;
    final InMemoryJobJournal journal = new InMemoryJobJournal();
    final InMemoryBatchStore store = new InMemoryBatchStore();
    final Watching watching;

    BatchHarness(UnaryOperator<FakeLegnext.Builder> settings) {
        this.fake = settings.apply(FakeLegnext.builder(time).seed(7)).build();
        this.watching = new Watching(fake);
    }

    BatchHarness() {
        this(b -> b);
    }

    /** A new service over the same fake, journal and store; a store wrapper simulates a crash. */
    BatchService service(BatchStorePort batchStore, VideoGenerationPort generation) {
        VideoJobService videos = new VideoJobService(generation, fake, journal, time.clock());
        JobWaiter waiter = new JobWaiter(fake, time, PollingPolicy.defaults(), () -> 0.5);
        return new BatchService(videos, waiter, fake, journal, batchStore, time);
    }

    BatchService service() {
        return service(store, watching);
    }

    /** Moves virtual time until the run ends; a run that does not end within two virtual days is a failure. */
    <T> CompletableFuture<T> drive(CompletableFuture<T> run) {
        for (int i = 0; i < 48 * 60 && !run.isDone(); i++) {
            time.advance(Duration.ofMinutes(1));
        }
        if (!run.isDone()) {
            throw new AssertionError("the batch did not end within two virtual days");
        }
        return run;
    }

    BatchReport runToEnd(Batch batch, BatchOptions options) {
        return drive(service().run(batch, options)).join();
    }

    static Batch texts(String id, int n) {
        return Batch.of(
                id,
                IntStream.range(0, n)
                        .mapToObj(i -> new BatchItem("v" + i, new BatchStep.Generate(TextToVideo.of("shot " + i))))
                        .toList());
    }

    /** A store that fails every write {@code failing} picks, as a process killed at that moment would. */
    static final class CrashingStore implements BatchStorePort {
        private final BatchStorePort delegate;
        private final Predicate<ItemRecord> failing;
        int writes;

        CrashingStore(BatchStorePort delegate, Predicate<ItemRecord> failing) {
            this.delegate = delegate;
            this.failing = failing;
        }

        @Override
        public Map<String, ItemRecord> load(String batchId) {
            return delegate.load(batchId);
        }

        @Override
        public void save(String batchId, ItemRecord item) {
            writes++;
            if (failing.test(item)) {
                throw new IllegalStateException("killed at write " + writes);
            }
            delegate.save(batchId, item);
        }
    }

    /** Submits to the fake, counting at each submit the batch's jobs still unfinished at the service. */
    static final class Watching implements VideoGenerationPort {
        private final FakeLegnext fake;
        final List<JobId> accepted = new ArrayList<>();
        int mostUnfinished;
        int rateLimited;

        Watching(FakeLegnext fake) {
            this.fake = fake;
        }

        private Job watch(Supplier<Job> submit) {
            int unfinished = (int) accepted.stream()
                    .filter(id -> !fake.getJob(id).isTerminal())
                    .count();
            Job job;
            try {
                job = submit.get();
            } catch (RateLimitedException e) {
                rateLimited++;
                throw e;
            }
            accepted.add(job.id());
            mostUnfinished = Math.max(mostUnfinished, unfinished + 1);
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
}
