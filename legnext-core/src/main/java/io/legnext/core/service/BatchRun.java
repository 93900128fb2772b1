package io.legnext.core.service;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.error.LegnextException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.journal.JobNotJournaledException;
import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.WaitTimedOutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One run of a batch: an event-driven state machine on the scheduler. A pump submits the next runnable items in
 * batch order while fewer than the limit are in flight and no rate limit holds; each accepted job is waited for by
 * the {@link JobWaiter} (no thread per job), and its end frees a slot and pumps again. Every change goes through
 * the store first; a store that fails ends the run at once (as a crash would), leaving what it kept to a re-run.
 */
final class BatchRun {

    /** How long submits pause after a 429 that gave no hint, or after a submit that certainly was not sent. */
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
    /** How often a submit that certainly did not reach the service is tried before the item fails. */
    static final int MAX_UNSENT_ATTEMPTS = 3;

    private final Batch batch;
    private final BatchOptions options;
    private final ItemRecord[] records;
    private final int[] parents;
    private final int[] unsentAttempts;
    private final VideoJobService videos;
    private final JobWaiter waiter;
    private final BatchStorePort store;
    private final Scheduler scheduler;
    private final CompletableFuture<BatchReport> future = new CompletableFuture<>();
    private final List<CompletableFuture<Job>> waits = new ArrayList<>();
    private int inFlight;
    private Instant notBefore = Instant.MIN;
    private Scheduler.Cancellable pending;

    BatchRun(
            Batch batch,
            BatchOptions options,
            List<ItemRecord> records,
            VideoJobService videos,
            JobWaiter waiter,
            BatchStorePort store,
            Scheduler scheduler) {
        this.batch = batch;
        this.options = options;
        this.records = records.toArray(new ItemRecord[0]);
        this.videos = videos;
        this.waiter = waiter;
        this.store = store;
        this.scheduler = scheduler;
        this.parents = new int[records.size()];
        this.unsentAttempts = new int[records.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < parents.length; i++) {
            index.put(batch.items().get(i).key(), i);
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
                if (records[i].state() == ItemState.ACCEPTED) {
                    inFlight++;
                    watch(i, waiter.waitFor(records[i].jobId().orElseThrow(), options.waitOptions()));
                }
            }
            pumpLater(Duration.ZERO);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    private synchronized void pump() {
        pending = null;
        if (future.isDone()) {
            return;
        }
        try {
            while (inFlight < options.maxInFlight()) {
                int next = nextRunnable();
                if (next < 0) {
                    break;
                }
                Instant now = scheduler.clock().instant();
                if (now.isBefore(notBefore)) {
                    pumpLater(Duration.between(now, notBefore));
                    return;
                }
                submit(next);
            }
            finishIfSettled();
        } catch (RuntimeException e) {
            // A store that cannot keep a record: stop as a crash would; a re-run goes on from what it kept.
            future.completeExceptionally(e);
        }
    }

    private void submit(int i) {
        put(i, records[i].with(ItemState.SUBMITTING, null));
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
        if (step instanceof BatchStep.Generate g) {
            return videos.generate(g.request(), origin);
        }
        if (step instanceof BatchStep.Extend e) {
            return videos.extend(e.request(), origin);
        }
        if (step instanceof BatchStep.Upscale u) {
            return videos.upscale(u.request(), origin);
        }
        BatchStep.After after = (BatchStep.After) step;
        JobId parentJob = records[parents[i]].jobId().orElseThrow();
        return switch (after.action()) {
            case EXTEND ->
                videos.extend(new ExtendVideo(parentJob, after.videoIndex(), after.prompt(), after.callback()), origin);
            case UPSCALE -> videos.upscale(new UpscaleVideo(parentJob, after.videoIndex(), after.callback()), origin);
        };
    }

    private void backOff(int i, Duration delay, String why) {
        put(i, records[i].with(ItemState.PENDING, why));
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
                // Still running: it stays accepted, and a re-run waits for it again.
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
            pumpLater(Duration.ZERO);
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

    /** The first pending item whose parent, if any, completed; -1 when none. */
    private int nextRunnable() {
        for (int i = 0; i < records.length; i++) {
            if (records[i].state() == ItemState.PENDING
                    && (parents[i] < 0 || records[parents[i]].state() == ItemState.COMPLETED)) {
                return i;
            }
        }
        return -1;
    }

    /** Completes the run once nothing is in flight and no item can be sent: nothing can move any more. */
    private void finishIfSettled() {
        if (inFlight == 0 && nextRunnable() < 0) {
            future.complete(report());
        }
    }

    private BatchReport report() {
        long points = 0;
        for (int i = 0; i < records.length; i++) {
            ItemState s = records[i].state();
            if (s == ItemState.ACCEPTED || s == ItemState.COMPLETED || s == ItemState.UNCERTAIN) {
                points += options.costs().of(batch.items().get(i).step().kind());
            }
        }
        return new BatchReport(batch.id(), List.of(records), points);
    }

    private void put(int i, ItemRecord record) {
        store.save(batch.id(), record);
        records[i] = record;
    }

    private void pumpLater(Duration delay) {
        if (pending == null && !future.isDone()) {
            pending = scheduler.schedule(delay, this::pump);
        }
    }

    private synchronized void stop() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        for (CompletableFuture<Job> wait : waits) {
            wait.cancel(false);
        }
    }
}
