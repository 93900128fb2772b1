package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.Job;
import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two runners on one batch, as two instances of a host sharing a store: the store's claims keep each item to one
 * runner and the limit across both, and a runner that dies leaves its items to the other.
 */
class BatchFleetTest {

    private static final BatchOptions SIX = BatchOptions.defaults();

    private final BatchHarness h = new BatchHarness(b -> b.unlimitedConcurrentJobs());
    private final FleetStore fleet = new FleetStore();

    /** Submits through the harness's watching port, counting this runner's submits; may die at one of them. */
    private final class Runner implements VideoGenerationPort {
        final String name;
        final IntPredicate diesAfterSubmit;
        int submits;

        Runner(String name, IntPredicate diesAfterSubmit) {
            this.name = name;
            this.diesAfterSubmit = diesAfterSubmit;
        }

        Runner(String name) {
            this(name, n -> false);
        }

        CompletableFuture<BatchReport> run(Batch batch) {
            return h.service(fleet.runner(name), this).run(batch, SIX);
        }

        private Job send(Supplier<Job> submit) {
            Job job = submit.get();
            if (diesAfterSubmit.test(++submits)) {
                // The service accepted it; the process dies before it hears back.
                fleet.crash(name);
                throw new IllegalStateException("runner " + name + " killed during the POST");
            }
            return job;
        }

        @Override
        public Job generate(VideoDiffusion request) {
            return send(() -> h.watching.generate(request));
        }

        @Override
        public Job extend(ExtendVideo request) {
            return send(() -> h.watching.extend(request));
        }

        @Override
        public Job upscale(UpscaleVideo request) {
            return send(() -> h.watching.upscale(request));
        }
    }

    private void driveBoth(CompletableFuture<?> a, CompletableFuture<?> b) {
        for (int i = 0; i < 48 * 60 && !(a.isDone() && b.isDone()); i++) {
            h.time.advance(Duration.ofMinutes(1));
        }
        assertThat(a).as("runner a ended").isDone();
        assertThat(b).as("runner b ended").isDone();
    }

    @Test
    void twoRunnersOnOneBatchSendEachItemOnceAndKeepTheLimitTogether() {
        Batch batch = BatchHarness.texts("shared", 30);
        Runner a = new Runner("a");
        Runner b = new Runner("b");

        CompletableFuture<BatchReport> ra = a.run(batch);
        CompletableFuture<BatchReport> rb = b.run(batch);
        driveBoth(ra, rb);

        assertThat(ra.join().allCompleted()).as(ra.join().toString()).isTrue();
        assertThat(rb.join().allCompleted()).as(rb.join().toString()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(30);
        assertThat(h.watching.accepted).hasSize(30).doesNotHaveDuplicates();
        assertThat(a.submits + b.submits).isEqualTo(30);
        assertThat(a.submits).as("a took part").isPositive();
        assertThat(b.submits).as("b took part").isPositive();
        assertThat(h.watching.mostUnfinished)
                .as("unfinished at the service at any submit")
                .isEqualTo(6);
        assertThat(ra.join().items()).isEqualTo(rb.join().items());
    }

    @Test
    void aRunnerKilledMidRunLeavesItsJobsToTheOtherWithNoDuplicate() {
        Batch batch = BatchHarness.texts("shared", 20);
        Runner a = new Runner("a");
        Runner b = new Runner("b");
        CompletableFuture<BatchReport> ra = a.run(batch);
        CompletableFuture<BatchReport> rb = b.run(batch);
        h.time.advance(Duration.ofMinutes(1));
        int aHeld = a.submits;

        fleet.crash("a");
        driveBoth(ra, rb);

        assertThat(aHeld).as("a had jobs in flight when it died").isPositive();
        assertThat(ra).isCompletedExceptionally();
        assertThat(rb.join().allCompleted()).as(rb.join().toString()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(20);
        assertThat(h.watching.accepted).doesNotHaveDuplicates();
        assertThat(a.submits + b.submits).isEqualTo(20);
    }

    @Test
    void aRunnerKilledDuringAPostLeavesItsItemUncertainAndTheOtherNeverResendsIt() {
        Batch batch = BatchHarness.texts("shared", 12);
        Runner a = new Runner("a", n -> n == 2);
        Runner b = new Runner("b");

        CompletableFuture<BatchReport> ra = a.run(batch);
        CompletableFuture<BatchReport> rb = b.run(batch);
        driveBoth(ra, rb);

        BatchReport report = rb.join();
        assertThat(ra).isCompletedExceptionally();
        assertThat(report.count(ItemState.UNCERTAIN)).as(report.toString()).isEqualTo(1);
        assertThat(report.count(ItemState.COMPLETED)).isEqualTo(11);
        assertThat(h.fake.jobCount())
                .as("the lost answer's job exists once; nothing re-sent")
                .isEqualTo(12);
        assertThat(report.items().stream().filter(r -> r.state() == ItemState.UNCERTAIN))
                .singleElement()
                .satisfies(r -> assertThat(r.detail())
                        .hasValueSatisfying(
                                d -> assertThat(d).contains("stopped before the service's answer was recorded")));
    }

    @Test
    void aRunnerKilledAfterTheJournalRecordLeavesAJobTheOtherWaitsFor() {
        Batch batch = BatchHarness.texts("shared", 12);
        Runner a = new Runner("a");
        Runner b = new Runner("b");
        CompletableFuture<BatchReport> ra = a.run(batch);
        CompletableFuture<BatchReport> rb = b.run(batch);
        h.time.advance(Duration.ofSeconds(1));
        // a's accepted jobs are journaled; its store says accepted: a dies, and b adopts them.
        String someOfA = fleet.records("shared").values().stream()
                .filter(r -> r.state() == ItemState.ACCEPTED)
                .map(ItemRecord::key)
                .findFirst()
                .orElseThrow();

        fleet.crash("a");
        driveBoth(ra, rb);

        assertThat(rb.join().allCompleted()).isTrue();
        assertThat(rb.join().item(someOfA).state()).isEqualTo(ItemState.COMPLETED);
        assertThat(h.fake.jobCount()).isEqualTo(12);
    }

    @Test
    void aRunThatStoppedLeavesItsItemsToTheNextRunOverTheSameRunner() {
        Batch batch = BatchHarness.texts("again", 10);
        Runner a = new Runner("a");
        CompletableFuture<BatchReport> first = a.run(batch);
        h.time.advance(Duration.ofMinutes(1));
        first.cancel(false);

        CompletableFuture<BatchReport> second = a.run(batch);
        h.drive(second);

        assertThat(second.join().allCompleted()).as(second.join().toString()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(10);
        assertThat(a.submits).isEqualTo(10);
    }

    @Test
    void aRunnerAloneNeverLooksAtTheStoreBetweenItsOwnEvents() {
        // With one runner every slot frees through its own waits: the fleet poll never has to run.
        Batch batch = BatchHarness.texts("alone", 12);
        BatchStorePort runner = fleet.runner("a");
        int[] loads = {0};
        BatchStorePort counting = new BatchStorePort() {
            @Override
            public Map<String, ItemRecord> load(String batchId) {
                loads[0]++;
                return runner.load(batchId);
            }

            @Override
            public void save(String batchId, ItemRecord item) {
                runner.save(batchId, item);
            }

            @Override
            public Optional<ItemRecord> claim(String batchId, List<String> candidates, int maxInFlight) {
                return runner.claim(batchId, candidates, maxInFlight);
            }

            @Override
            public Set<String> unowned(String batchId) {
                return runner.unowned(batchId);
            }

            @Override
            public boolean adopt(String batchId, String key) {
                return runner.adopt(batchId, key);
            }
        };

        BatchReport report =
                h.drive(h.service(counting, h.watching).run(batch, SIX)).join();

        assertThat(report.allCompleted()).isTrue();
        assertThat(loads[0]).as("the loads of the start only").isEqualTo(2);
    }
}
