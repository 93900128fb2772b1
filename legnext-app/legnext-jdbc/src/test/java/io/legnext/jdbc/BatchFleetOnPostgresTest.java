package io.legnext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a host on one batch, each with its own JDBC store and journal on one PostgreSQL, against one
 * fake service: every item is sent once across both, the limit holds across both, and when one dies the other
 * adopts its jobs. Time is virtual and shared: the runs take turns on one scheduler, and the assertions are on counts
 * and states, never on how fast the machine is.
 */
class BatchFleetOnPostgresTest {

    private static final BatchOptions SIX = BatchOptions.defaults().withMaxInFlight(6);

    private final VirtualTime time = new VirtualTime();
    private final FakeLegnext fake =
            FakeLegnext.builder(time).seed(7).unlimitedConcurrentJobs().build();
    private final Watching watching = new Watching(fake);
    private final DataSource database = TestPostgres.freshDatabase();
    private final List<Runner> runners = new ArrayList<>();

    @AfterEach
    void closeStores() {
        runners.forEach(r -> r.store.close());
    }

    /** One instance of the host: its own store (its runner) and journal, submitting through the shared watch. */
    private final class Runner implements VideoGenerationPort {
        final JdbcBatchStore store = new JdbcBatchStore(database);
        final JdbcJobJournal journal = new JdbcJobJournal(database);
        final List<JobId> submitted = new ArrayList<>();

        Runner() {
            runners.add(this);
        }

        CompletableFuture<BatchReport> run(Batch batch) {
            VideoJobService videos = new VideoJobService(this, fake, journal, time.clock());
            JobWaiter waiter = new JobWaiter(fake, time, PollingPolicy.defaults(), () -> 0.5);
            return new BatchService(videos, waiter, fake, journal, store, time).run(batch, SIX);
        }

        private Job send(Supplier<Job> submit) {
            Job job = watching.watch(submit);
            submitted.add(job.id());
            return job;
        }

        @Override
        public Job generate(VideoDiffusion request) {
            return send(() -> fake.generate(request));
        }

        @Override
        public Job extend(ExtendVideo request) {
            return send(() -> fake.extend(request));
        }

        @Override
        public Job upscale(UpscaleVideo request) {
            return send(() -> fake.upscale(request));
        }
    }

    /** Every POST that reached the fake, and how many of the batch's jobs were unfinished there at each. */
    private static final class Watching {
        private final FakeLegnext fake;
        final List<JobId> accepted = new ArrayList<>();
        int mostUnfinished;

        Watching(FakeLegnext fake) {
            this.fake = fake;
        }

        Job watch(Supplier<Job> submit) {
            int unfinished = (int) accepted.stream()
                    .filter(id -> !fake.getJob(id).isTerminal())
                    .count();
            Job job = submit.get();
            accepted.add(job.id());
            mostUnfinished = Math.max(mostUnfinished, unfinished + 1);
            return job;
        }
    }

    private static Batch texts(String id, int n) {
        return Batch.of(
                id,
                IntStream.range(0, n)
                        .mapToObj(i -> new BatchItem("v" + i, new BatchStep.Generate(TextToVideo.of("shot " + i))))
                        .toList());
    }

    /** Moves virtual time until both runs end; two virtual days is the safety net, not a measure. */
    private void driveBoth(CompletableFuture<?> a, CompletableFuture<?> b) {
        for (int i = 0; i < 48 * 60 && !(a.isDone() && b.isDone()); i++) {
            time.advance(Duration.ofMinutes(1));
        }
        assertThat(a).as("runner a ended").isDone();
        assertThat(b).as("runner b ended").isDone();
    }

    @Test
    void aRunThatStoppedLeavesItsItemsToTheNextRunOverTheSameStore() {
        Batch batch = texts("again-10", 10);
        Runner a = new Runner();
        CompletableFuture<BatchReport> first = a.run(batch);
        time.advance(Duration.ofMinutes(1));
        first.cancel(false);

        CompletableFuture<BatchReport> second = a.run(batch);
        driveBoth(second, second);

        assertThat(second.join().allCompleted()).as(second.join().toString()).isTrue();
        assertThat(watching.accepted).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void twoRunnersOnOneBatchSendEachItemOnceAndNeverPassTheLimitTogether() {
        Batch batch = texts("fleet-30", 30);
        Runner a = new Runner();
        Runner b = new Runner();

        CompletableFuture<BatchReport> ra = a.run(batch);
        CompletableFuture<BatchReport> rb = b.run(batch);
        driveBoth(ra, rb);

        assertThat(ra.join().allCompleted()).as(ra.join().toString()).isTrue();
        assertThat(rb.join().allCompleted()).as(rb.join().toString()).isTrue();
        assertThat(fake.jobCount()).as("POSTs that reached the service").isEqualTo(30);
        assertThat(watching.accepted).hasSize(30).doesNotHaveDuplicates();
        assertThat(a.submitted.size() + b.submitted.size()).isEqualTo(30);
        assertThat(a.submitted).as("a took part").isNotEmpty();
        assertThat(b.submitted).as("b took part").isNotEmpty();
        assertThat(watching.mostUnfinished)
                .as("unfinished at the service at any submit, both runners together")
                .isEqualTo(6);
        assertThat(ra.join().items()).isEqualTo(rb.join().items());
        // Each item's job is the one its runner journaled under the item's origin, whichever runner sent it.
        for (ItemRecord item : rb.join().items()) {
            assertThat(b.journal
                            .findByOrigin(batch.originOf(item.key()))
                            .orElseThrow()
                            .id())
                    .isEqualTo(item.jobId().orElseThrow());
        }
    }

    @Test
    void aRunnerWhoseStoreClosesMidRunLeavesItsJobsToTheOtherWithNoDuplicatePost() {
        Batch batch = texts("fleet-crash", 30);
        Runner a = new Runner();
        Runner b = new Runner();
        CompletableFuture<BatchReport> ra = a.run(batch);
        CompletableFuture<BatchReport> rb = b.run(batch);
        time.advance(Duration.ofMinutes(1));
        Map<String, JobId> heldByA = acceptedHeldBy(a, batch);

        // The crash: a's lease ends with its store, and a can write nothing more.
        a.store.close();
        driveBoth(ra, rb);

        BatchReport report = rb.join();
        assertThat(heldByA).as("a had accepted jobs in flight when it died").isNotEmpty();
        assertThat(ra).isCompletedExceptionally();
        assertThat(report.allCompleted()).as(report.toString()).isTrue();
        assertThat(fake.jobCount()).as("POSTs that reached the service").isEqualTo(30);
        assertThat(watching.accepted).hasSize(30).doesNotHaveDuplicates();
        assertThat(a.submitted.size() + b.submitted.size()).isEqualTo(30);
        heldByA.forEach((key, job) -> {
            assertThat(report.item(key).state()).isEqualTo(ItemState.COMPLETED);
            assertThat(report.item(key).jobId()).as("adopted, not re-sent").contains(job);
        });
        assertThat(b.submitted).doesNotContainAnyElementsOf(heldByA.values());
    }

    /** The items accepted whose row names {@code runner} as owner, with their jobs. */
    private Map<String, JobId> acceptedHeldBy(Runner runner, Batch batch) {
        return runner.store.load(batch.id()).values().stream()
                .filter(r -> r.state() == ItemState.ACCEPTED)
                .filter(r -> ownerOf(batch, r.key()) == runner.store.runnerId())
                .collect(Collectors.toMap(ItemRecord::key, r -> r.jobId().orElseThrow()));
    }

    private long ownerOf(Batch batch, String key) {
        try {
            return JdbcFleetTest.owner(database, batch.id(), key).orElse(0L);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
