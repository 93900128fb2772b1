package io.legnext.core.service;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.error.InsufficientCreditsException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.journal.JobNotJournaledException;
import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.WaitTimedOutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One run of a batch: an event-driven state machine on the scheduler. A pump claims the next runnable items in
 * batch order from the store while fewer than the limit are in flight and no rate limit holds, and submits each;
 * each accepted job is waited for by the {@link JobWaiter} (no thread per job), and its end frees a slot and pumps
 * again. Every change goes through the store first; a store that fails ends the run at once (as a crash would),
 * leaving what it kept to a re-run.
 *
 * <p>Other runners may share the batch (the instances of a fleet on one store). The run submits and waits only for
 * the items it claimed or adopted ({@code mine}); the store's claim keeps the limit across runners. When an item it
 * cannot claim, or one that another runner holds, is all that is left, it looks at the store every
 * {@link #FLEET_POLL}: for what the others finished, and for items of a runner that is gone, which it adopts. With
 * one runner that never happens, so it costs nothing.
 */
final class BatchRun {

    /** How long submits pause after a 429 that gave no hint, or after a submit that certainly was not sent. */
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
    /** How often a submit that certainly did not reach the service is tried before the item fails. */
    static final int MAX_UNSENT_ATTEMPTS = 3;
    /** What an item left unsent because the balance ran out is told. */
    static final String OUT_OF_POINTS = "Not sent: the account ran out of points (HTTP 402) during the run. Top up,"
            + " then run the batch again: it sends only what was never accepted.";
    /** How often a run looks at the store while what is left is held by other runners. */
    static final Duration FLEET_POLL = Duration.ofSeconds(5);
    /** How many runnable items one claim offers the store. */
    static final int CLAIM_CANDIDATES = 32;

    private final Batch batch;
    private final BatchOptions options;
    private final ItemRecord[] records;
    private final int[] parents;
    private final int[] unsentAttempts;
    private final boolean[] mine;
    private final Map<String, Integer> index = new HashMap<>();
    private final BatchService service;
    private final VideoJobService videos;
    private final JobWaiter waiter;
    private final BatchStorePort store;
    private final Scheduler scheduler;
    private final CompletableFuture<BatchReport> future = new CompletableFuture<>();
    private final List<CompletableFuture<Job>> waits = new ArrayList<>();
    private int inFlight;
    private Instant notBefore = Instant.MIN;
    private final PumpTimer timer;
    /** This run's items whose wait timed out: still in flight at the service, no longer counted against its limit. */
    private int gaveUp;
    /** Set by a 402: nothing more is sent in this run; what is in flight is still waited for. */
    private boolean outOfPoints;

    BatchRun(
            Batch batch,
            BatchOptions options,
            List<ItemRecord> records,
            Set<String> adopted,
            BatchService service,
            BatchStorePort store,
            Scheduler scheduler) {
        this.batch = batch;
        this.options = options;
        this.records = records.toArray(new ItemRecord[0]);
        this.service = service;
        this.videos = service.videos();
        this.waiter = service.waiter();
        this.store = store;
        this.scheduler = scheduler;
        this.timer = new PumpTimer(scheduler, this::pump);
        this.parents = new int[records.size()];
        this.unsentAttempts = new int[records.size()];
        this.mine = new boolean[records.size()];
        for (int i = 0; i < parents.length; i++) {
            index.put(batch.items().get(i).key(), i);
            mine[i] = adopted.contains(batch.items().get(i).key());
            parents[i] = batch.items().get(i).step() instanceof BatchStep.After after ? index.get(after.parent()) : -1;
        }
        // Cancelling the run stops its pump and its waits; the accepted jobs run on remotely.
        future.whenComplete((r, e) -> stop());
    }

    CompletableFuture<BatchReport> future() {
        return future;
    }

    synchronized void start() {
        try {
            skipOrphans();
            for (int i = 0; i < records.length; i++) {
                if (mine[i] && records[i].state() == ItemState.ACCEPTED) {
                    inFlight++;
                    watch(i, waiter.waitFor(records[i].jobId().orElseThrow(), options.waitOptions()));
                }
            }
            pumpLater(Duration.ZERO, false);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    private synchronized void pump() {
        boolean lookAtStore = timer.fired();
        if (future.isDone()) {
            return;
        }
        try {
            if (lookAtStore) {
                refresh();
            }
            while (inFlight < options.maxInFlight()) {
                List<String> candidates = runnable();
                if (candidates.isEmpty()) {
                    break;
                }
                Instant now = scheduler.clock().instant();
                if (now.isBefore(notBefore)) {
                    pumpLater(Duration.between(now, notBefore), false);
                    return;
                }
                Optional<ItemRecord> claimed = store.claim(batch.id(), candidates, options.maxInFlight() + gaveUp);
                if (claimed.isEmpty()) {
                    // Other runners took these items, or hold every slot: look again once they may have moved.
                    if (!refresh()) {
                        pumpLater(FLEET_POLL, true);
                        return;
                    }
                    continue;
                }
                int i = index.get(claimed.get().key());
                records[i] = claimed.get();
                mine[i] = true;
                submit(i);
                // One submit a turn: runners sharing the scheduler or the store take turns at the free slots.
                pumpLater(Duration.ZERO, false);
                return;
            }
            finishIfSettled();
        } catch (RuntimeException e) {
            // A store that cannot keep a record: stop as a crash would; a re-run goes on from what it kept.
            future.completeExceptionally(e);
        }
    }

    /** Sends a claimed item's submit: the store keeps it submitting already. */
    private void submit(int i) {
        inFlight++;
        String origin = batch.originOf(records[i].key());
        Job accepted;
        try {
            accepted = send(i, origin);
        } catch (RateLimitedException e) {
            // A 429 certainly created no job: back to pending, and every submit pauses for the service's hint.
            backOff(i, e.retryAfter().orElse(DEFAULT_BACKOFF), null);
            return;
        } catch (JobNotJournaledException e) {
            accepted = e.job();
        } catch (ServiceUnavailableException e) {
            if (e.submitMayHaveReachedService()) {
                settle(i, records[i].with(ItemState.UNCERTAIN, e.getMessage()));
            } else if (++unsentAttempts[i] < MAX_UNSENT_ATTEMPTS) {
                backOff(i, DEFAULT_BACKOFF, e.getMessage());
            } else {
                settle(i, records[i].with(ItemState.FAILED, e.getMessage()));
            }
            return;
        } catch (InsufficientCreditsException e) {
            // No job was created, and none of the rest can be paid for either: stop sending, keep them pending.
            put(i, records[i].with(ItemState.PENDING, OUT_OF_POINTS));
            mine[i] = false;
            inFlight--;
            outOfPoints = true;
            return;
        } catch (LegnextException e) {
            // Refused by a rule, the journal or the service: no job was created.
            settle(i, records[i].with(ItemState.FAILED, e.getMessage()));
            return;
        }
        put(i, records[i].accepted(accepted.id()));
        watch(i, waiter.waitFor(accepted, options.waitOptions()));
    }

    private Job send(int i, String origin) {
        BatchStep step = batch.items().get(i).step();
        JobId parentJob = parents[i] < 0 ? null : records[parents[i]].jobId().orElseThrow();
        return BatchSteps.send(videos, step, parentJob, origin);
    }

    private void backOff(int i, Duration delay, String why) {
        put(i, records[i].with(ItemState.PENDING, why));
        mine[i] = false;
        inFlight--;
        Instant until = scheduler.clock().instant().plus(delay);
        if (until.isAfter(notBefore)) {
            notBefore = until;
        }
    }

    private void watch(int i, CompletableFuture<Job> wait) {
        waits.add(wait);
        wait.whenComplete((job, error) -> ended(i, error));
    }

    private synchronized void ended(int i, Throwable error) {
        if (future.isDone()) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        try {
            if (cause == null) {
                put(i, records[i].with(ItemState.COMPLETED, null));
            } else if (cause instanceof CancellationException) {
                return;
            } else if (cause instanceof WaitTimedOutException t) {
                // Still running: it stays accepted, and a re-run waits for it again. This run no longer counts it.
                gaveUp++;
                records[i] = records[i].with(
                        ItemState.ACCEPTED,
                        "Still running after " + t.waited().toMinutes() + " min; run the batch again to wait for it.");
            } else if (cause instanceof JobFailedException f) {
                put(i, records[i].with(ItemState.FAILED, f.getMessage()));
            } else {
                put(i, records[i].with(ItemState.FAILED, cause.getMessage()));
            }
            inFlight--;
            skipOrphans();
            pumpLater(Duration.ZERO, false);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    /** An item that ended without a job it could still get: a slot frees and its follow-ups are skipped. */
    private void settle(int i, ItemRecord record) {
        put(i, record);
        inFlight--;
        skipOrphans();
    }

    /** Skips every pending item whose parent ended without completing; parents come first, so one pass does. */
    private void skipOrphans() {
        for (int i = 0; i < records.length; i++) {
            int p = parents[i];
            if (p >= 0 && records[i].state() == ItemState.PENDING) {
                ItemState parent = records[p].state();
                if (parent.isFinal() && parent != ItemState.COMPLETED) {
                    put(
                            i,
                            records[i].with(
                                    ItemState.SKIPPED,
                                    "Not sent: the item it follows, '" + records[p].key() + "', is "
                                            + parent.name().toLowerCase(Locale.ROOT) + "."));
                }
            }
        }
    }

    /** The first pending items whose parent, if any, completed, in batch order; at most {@link #CLAIM_CANDIDATES}. */
    private List<String> runnable() {
        List<String> keys = new ArrayList<>();
        if (outOfPoints) {
            return keys;
        }
        for (int i = 0; i < records.length && keys.size() < CLAIM_CANDIDATES; i++) {
            if (records[i].state() == ItemState.PENDING
                    && (parents[i] < 0 || records[parents[i]].state() == ItemState.COMPLETED)) {
                keys.add(records[i].key());
            }
        }
        return keys;
    }

    /**
     * Completes the run once nothing is in flight here and no item can be sent: nothing can move any more. While
     * another runner still holds an item, it looks at the store again later instead.
     */
    private void finishIfSettled() {
        if (inFlight > 0 || !runnable().isEmpty()) {
            return;
        }
        for (int i = 0; i < records.length; i++) {
            if (!mine[i] && BatchStorePort.inFlight(records[i])) {
                pumpLater(FLEET_POLL, true);
                return;
            }
        }
        future.complete(report());
    }

    /**
     * Takes what the store keeps of the items this run does not hold, and adopts the items of runners that are
     * gone: a submit is settled through the journal, an accepted job waited for.
     *
     * @return whether any item changed
     */
    private boolean refresh() {
        Map<String, ItemRecord> kept = store.load(batch.id());
        boolean changed = false;
        for (int i = 0; i < records.length; i++) {
            if (!mine[i]) {
                ItemRecord k = kept.getOrDefault(records[i].key(), ItemRecord.pending(records[i].key()));
                changed |= !k.equals(records[i]);
                records[i] = k;
            }
        }
        for (String key : store.unowned(batch.id())) {
            int i = index.getOrDefault(key, -1);
            if (i < 0 || mine[i] || !BatchStorePort.inFlight(records[i]) || !store.adopt(batch.id(), key)) {
                continue;
            }
            mine[i] = true;
            changed = true;
            ItemRecord settled = service.settled(batch, records[i]);
            if (settled.state() == ItemState.ACCEPTED) {
                if (!settled.equals(records[i])) {
                    put(i, settled);
                }
                inFlight++;
                watch(i, waiter.waitFor(settled.jobId().orElseThrow(), options.waitOptions()));
            } else {
                put(i, settled);
            }
        }
        skipOrphans();
        return changed;
    }

    private BatchReport report() {
        long points = 0;
        for (int i = 0; i < records.length; i++) {
            ItemState s = records[i].state();
            if (s == ItemState.ACCEPTED || s == ItemState.COMPLETED || s == ItemState.UNCERTAIN) {
                points += options.costs().of(batch.items().get(i).step().kind());
            }
        }
        List<ItemRecord> items = new ArrayList<>(records.length);
        for (ItemRecord r : records) {
            items.add(
                    outOfPoints && r.state() == ItemState.PENDING && r.detail().isEmpty()
                            ? r.with(ItemState.PENDING, OUT_OF_POINTS)
                            : r);
        }
        return new BatchReport(batch.id(), items, points);
    }

    private void put(int i, ItemRecord record) {
        store.save(batch.id(), record);
        records[i] = record;
    }

    private void pumpLater(Duration delay, boolean lookAtStore) {
        if (!future.isDone()) {
            timer.request(delay, lookAtStore);
        }
    }

    private synchronized void stop() {
        timer.cancel();
        for (CompletableFuture<Job> wait : waits) {
            wait.cancel(false);
        }
    }
}
