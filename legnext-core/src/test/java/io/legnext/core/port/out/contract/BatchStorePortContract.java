package io.legnext.core.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.BatchStorePort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What "keeps a batch's state" means: every {@link BatchStorePort} extends this and passes. Each test uses batch
 * ids of its own, so a subclass may hand out one store for all of them.
 */
public abstract class BatchStorePortContract {

    /** The store under test. */
    protected abstract BatchStorePort store();

    /** A batch id no other test of this run uses. */
    protected String batchId() {
        return "batch-" + getClass().getSimpleName() + "-" + System.nanoTime();
    }

    private static List<String> keys(int n) {
        return IntStream.range(0, n).mapToObj(i -> "k" + i).toList();
    }

    @Test
    void aBatchNeverSavedLoadsEmpty() {
        assertThat(store().load(batchId())).isEmpty();
    }

    @Test
    void aSavedRecordComesBackWhole() {
        String batch = batchId();
        JobId job = JobId.random();
        ItemRecord accepted = ItemRecord.pending("a").accepted(job);
        ItemRecord failed = ItemRecord.pending("b").with(ItemState.FAILED, "refused: prompt, 1 to 2000 chars, \"\"");

        store().save(batch, accepted);
        store().save(batch, failed);

        assertThat(store().load(batch)).containsOnly(Map.entry("a", accepted), Map.entry("b", failed));
    }

    @Test
    void aSaveReplacesWhatWasKeptForItsKeyAndNothingElse() {
        String batch = batchId();
        String other = batchId() + "-other";
        JobId job = JobId.random();
        store().save(batch, ItemRecord.pending("a").accepted(job));
        store().save(other, ItemRecord.pending("a"));

        ItemRecord done = ItemRecord.pending("a").accepted(job).with(ItemState.COMPLETED, null);
        store().save(batch, done);

        assertThat(store().load(batch)).containsOnly(Map.entry("a", done));
        assertThat(store().load(other)).containsOnly(Map.entry("a", ItemRecord.pending("a")));
    }

    @Test
    void aClaimTakesTheFirstPendingCandidateAndKeepsItSubmitting() {
        String batch = batchId();
        store().save(batch, ItemRecord.pending("k0").accepted(JobId.random()));
        store().save(batch, ItemRecord.pending("k1").with(ItemState.COMPLETED, null));

        Optional<ItemRecord> claimed = store().claim(batch, keys(4), 6);

        assertThat(claimed).hasValueSatisfying(r -> {
            assertThat(r.key()).isEqualTo("k2");
            assertThat(r.state()).isEqualTo(ItemState.SUBMITTING);
        });
        assertThat(store().load(batch).get("k2").state()).isEqualTo(ItemState.SUBMITTING);
    }

    @Test
    void aClaimNeverTakesAnItemInFlightOrEnded() {
        String batch = batchId();
        store().save(batch, ItemRecord.pending("k0").with(ItemState.SUBMITTING, null));
        store().save(batch, ItemRecord.pending("k1").with(ItemState.SKIPPED, "parent failed"));
        store().save(batch, ItemRecord.pending("k2").with(ItemState.UNCERTAIN, "lost answer"));

        assertThat(store().claim(batch, keys(3), 6)).isEmpty();
    }

    @Test
    void anItemBackToPendingCanBeClaimedAgain() {
        String batch = batchId();
        ItemRecord claimed = store().claim(batch, List.of("a"), 1).orElseThrow();

        store().save(batch, claimed.with(ItemState.PENDING, "rate limited"));

        assertThat(store().claim(batch, List.of("a"), 1)).isPresent();
    }

    @Test
    void theLimitCountsSubmittingAndAcceptedItemsAndFreesAsTheyEnd() {
        String batch = batchId();
        ItemRecord first = store().claim(batch, keys(5), 2).orElseThrow();
        ItemRecord second = store().claim(batch, keys(5), 2).orElseThrow();
        store().save(batch, second.accepted(JobId.random()));

        assertThat(store().claim(batch, keys(5), 2)).as("two in flight of two").isEmpty();

        store().save(batch, first.with(ItemState.FAILED, "refused"));

        assertThat(store().claim(batch, keys(5), 2))
                .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("k2"));
    }

    @Test
    void theLimitIsPerBatch() {
        String one = batchId();
        String two = batchId() + "-two";
        assertThat(store().claim(one, keys(3), 1)).isPresent();

        assertThat(store().claim(two, keys(3), 1)).isPresent();
    }

    @Test
    void anItemInFlightWithNoLiveRunnerIsUnownedAndCanBeAdopted() {
        String batch = batchId();
        store().save(batch, ItemRecord.pending("a").with(ItemState.SUBMITTING, null));
        store().save(batch, ItemRecord.pending("b").accepted(JobId.random()));
        store().save(batch, ItemRecord.pending("c").with(ItemState.COMPLETED, null));
        store().save(batch, ItemRecord.pending("d"));

        givenTheRunnerThatSavedThemIsGone(batch);

        assertThat(store().unowned(batch)).containsExactlyInAnyOrder("a", "b");
        assertThat(store().adopt(batch, "a")).isTrue();
    }

    /**
     * Makes the runner that wrote the batch's records so far count as gone. A store that serves one runner at a
     * time has nothing to do: every item in flight is unowned there already.
     */
    protected void givenTheRunnerThatSavedThemIsGone(String batchId) {}

    @Test
    void claimsRacingFromManyThreadsTakeEachItemOnceAndKeepTheLimit() throws Exception {
        String batch = batchId();
        int items = 60;
        int limit = 5;
        List<String> candidates = keys(items);
        List<String> claimedKeys = Collections.synchronizedList(new ArrayList<>());
        int[] mostInFlight = {0};
        int[] inFlight = {0};
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> runners = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                runners.add(pool.submit(() -> {
                    start.await();
                    while (claimedKeys.size() < items) {
                        Optional<ItemRecord> claimed = store().claim(batch, candidates, limit);
                        if (claimed.isEmpty()) {
                            Thread.onSpinWait();
                            continue;
                        }
                        synchronized (inFlight) {
                            inFlight[0]++;
                            mostInFlight[0] = Math.max(mostInFlight[0], inFlight[0]);
                        }
                        claimedKeys.add(claimed.get().key());
                        synchronized (inFlight) {
                            inFlight[0]--;
                        }
                        store().save(batch, claimed.get().with(ItemState.COMPLETED, null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> runner : runners) {
                runner.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(claimedKeys).hasSize(items).doesNotHaveDuplicates();
        assertThat(mostInFlight[0]).isLessThanOrEqualTo(limit);
        assertThat(store().load(batch).values()).allMatch(r -> r.state() == ItemState.COMPLETED);
    }
}
