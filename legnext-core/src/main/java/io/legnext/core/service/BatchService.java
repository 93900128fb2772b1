package io.legnext.core.service;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchEstimate;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchRefusedException;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.TaskType;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.port.in.RunBatchUseCase;
import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.port.out.Scheduler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Service behind batches: validates (the {@link Batch} did, whole, when it was made), resumes from the batch store
 * and the journal, estimates and checks the balance, then hands the run to a {@code BatchRun}.
 *
 * <p>Durability: before an item's POST the store records it {@link ItemState#SUBMITTING}; the accepted job is
 * journaled by {@link VideoJobService} with the item's origin ({@code "<batch id>/<item key>"}) in the same record
 * that makes it durable; only then does the store record it accepted. On resume an item found submitting is
 * accepted when the journal has a job of its origin, and uncertain (never re-sent) when it has none: the POST may
 * have reached the service with its answer lost. A submit known not to have created a job (a 429) goes back to
 * pending in the store before anything else is tried.
 */
public final class BatchService implements RunBatchUseCase {

    /** What an item found submitting with no journaled job is told. */
    static final String LOST_ANSWER = "The run that sent this item stopped before the service's answer was recorded.";

    private final VideoJobService videos;
    private final JobWaiter waiter;
    private final AccountPort account;
    private final JobJournalPort journal;
    private final BatchStorePort store;
    private final Scheduler scheduler;

    /**
     * @param videos submits and journals each job (the journal given here must be the one it writes to)
     * @param waiter waits for the jobs, all on its scheduler
     * @param account tells the balance for the estimate
     * @param journal where {@code videos} journals accepted jobs; searched by origin on resume
     * @param store the batch's durable state
     * @param scheduler runs the batch's submits and backoffs; the waiter's own, typically
     */
    public BatchService(
            VideoJobService videos,
            JobWaiter waiter,
            AccountPort account,
            JobJournalPort journal,
            BatchStorePort store,
            Scheduler scheduler) {
        this.videos = Objects.requireNonNull(videos, "videos");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.account = Objects.requireNonNull(account, "account");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public BatchEstimate dryRun(Batch batch, BatchOptions options) {
        return estimate(batch, resumed(batch), Objects.requireNonNull(options, "options"));
    }

    @Override
    public CompletableFuture<BatchReport> run(Batch batch, BatchOptions options) {
        Objects.requireNonNull(options, "options");
        journal.checkWritable();
        List<ItemRecord> records = resumed(batch);
        BatchEstimate estimate = estimate(batch, records, options);
        if (!estimate.covered()) {
            throw new BatchRefusedException(estimate);
        }
        // Only the items in flight whose runner is gone become this run's; another live runner keeps its own.
        Set<String> unowned = store.unowned(batch.id());
        Map<String, ItemRecord> kept = store.load(batch.id());
        Set<String> adopted = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            ItemRecord k = kept.getOrDefault(
                    records.get(i).key(), ItemRecord.pending(records.get(i).key()));
            if (BatchStorePort.inFlight(k) && unowned.contains(k.key()) && store.adopt(batch.id(), k.key())) {
                adopted.add(k.key());
                // What a stopped run left submitting is settled in the store before anything is sent.
                ItemRecord r = settled(batch, k);
                if (!r.equals(k)) {
                    store.save(batch.id(), r);
                }
                records.set(i, r);
            } else {
                records.set(i, k);
            }
        }
        BatchRun run = new BatchRun(batch, options, records, adopted, this, store, scheduler);
        run.start();
        return run.future();
    }

    /**
     * Each item as the store keeps it, with items left submitting by a stopped run settled through the journal:
     * accepted when it has their job, uncertain when it does not. Nothing is written.
     */
    private List<ItemRecord> resumed(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        Map<String, ItemRecord> kept = store.load(batch.id());
        List<ItemRecord> records = new ArrayList<>(batch.items().size());
        for (BatchItem item : batch.items()) {
            records.add(settled(batch, kept.getOrDefault(item.key(), ItemRecord.pending(item.key()))));
        }
        return records;
    }

    /**
     * An item left submitting by a run that is gone, settled through the journal: accepted when the journal has a
     * job of its origin, uncertain (never re-sent) when it has none. Any other record as it is.
     */
    ItemRecord settled(Batch batch, ItemRecord r) {
        if (r.state() != ItemState.SUBMITTING) {
            return r;
        }
        Optional<SubmittedJob> job = journal.findByOrigin(batch.originOf(r.key()));
        return job.isPresent()
                ? r.accepted(job.get().id())
                : r.with(ItemState.UNCERTAIN, LOST_ANSWER + " " + ServiceUnavailableException.MAY_EXIST_ADVICE);
    }

    VideoJobService videos() {
        return videos;
    }

    JobWaiter waiter() {
        return waiter;
    }

    private BatchEstimate estimate(Batch batch, List<ItemRecord> records, BatchOptions options) {
        Map<TaskType.Kind, Integer> jobs = new EnumMap<>(TaskType.Kind.class);
        Map<TaskType.Kind, Long> points = new EnumMap<>(TaskType.Kind.class);
        long total = 0;
        // An item whose parent ended without completing will be skipped, not sent: it costs nothing.
        Map<String, Boolean> dead = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ItemState state = records.get(i).state();
            boolean orphan = batch.items().get(i).step() instanceof BatchStep.After after
                    && dead.getOrDefault(after.parent(), false);
            dead.put(records.get(i).key(), orphan || (state.isFinal() && state != ItemState.COMPLETED));
            if (state == ItemState.PENDING && !orphan) {
                TaskType.Kind kind = batch.items().get(i).step().kind();
                long cost = options.costs().of(kind);
                jobs.merge(kind, 1, Integer::sum);
                points.merge(kind, cost, Long::sum);
                total += cost;
            }
        }
        return new BatchEstimate(
                batch.id(), jobs, points, total, account.getBalance().availablePoints());
    }
}
