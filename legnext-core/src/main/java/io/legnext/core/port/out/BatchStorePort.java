package io.legnext.core.port.out;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Driven port: a batch's durable state, one {@link ItemRecord} per item (its state and, once accepted, its job),
 * so that a batch run again after a crash goes on where it stopped, and so that several runners (the instances of
 * a host, each running the same batch) share its items without sending any twice.
 *
 * <p>Each write is durable when it returns: a runner {@linkplain #claim claims} an item, which records it
 * {@link ItemState#SUBMITTING} as that runner's, before its POST, and goes on only once the claim is kept.
 * Implementations are thread-safe.
 *
 * <p><b>One runner or many.</b> A store that serves several processes at once (the JDBC store of a fleet) makes
 * {@link #claim} atomic across them and knows which runners are alive, so that {@link #unowned} answers only the
 * items of runners that are gone. A store that serves one runner at a time (in memory, or a file that one process
 * holds) can keep the defaults of {@link #claim}, {@link #unowned} and {@link #adopt}: every item in flight is then
 * the asking runner's own or a crashed run's.
 */
public interface BatchStorePort {

    /** Every record kept for this batch, by item key; empty for a batch never run. */
    Map<String, ItemRecord> load(String batchId);

    /**
     * Keeps {@code item} for this batch, replacing what was kept for its key; durable when it returns. An item
     * saved in a final state, or back to pending, belongs to no runner any more.
     */
    void save(String batchId, ItemRecord item);

    /**
     * Claims the first of {@code candidates} that is still pending here (or was never saved), keeping it
     * {@link ItemState#SUBMITTING} as the asking runner's, provided fewer than {@code maxInFlight} items of the batch
     * are submitting or accepted. Atomic against every runner sharing the store: two never claim one item, and
     * together they never have more than {@code maxInFlight} in flight. Durable when it returns.
     *
     * <p>The default, for a store that serves one runner at a time, loads, checks and saves.
     *
     * @param candidates item keys in the order the batch would send them
     * @return the claimed item's record, submitting; empty when none of them is pending any more or the batch has
     *     {@code maxInFlight} items in flight
     */
    default Optional<ItemRecord> claim(String batchId, List<String> candidates, int maxInFlight) {
        Optional<ItemRecord> claimed = claimable(load(batchId), candidates, maxInFlight);
        claimed.ifPresent(r -> save(batchId, r));
        return claimed;
    }

    /**
     * What a claim over {@code kept} takes, not yet saved: the first candidate pending there (or absent), as
     * submitting, when fewer than {@code maxInFlight} of {@code kept} are in flight. Stores that keep their records
     * in memory call it under their own lock, then save what it answers.
     */
    static Optional<ItemRecord> claimable(Map<String, ItemRecord> kept, List<String> candidates, int maxInFlight) {
        Objects.requireNonNull(candidates, "candidates");
        if (kept.values().stream().filter(BatchStorePort::inFlight).count() >= maxInFlight) {
            return Optional.empty();
        }
        for (String key : candidates) {
            ItemRecord r = kept.getOrDefault(key, ItemRecord.pending(key));
            if (r.state() == ItemState.PENDING) {
                return Optional.of(r.with(ItemState.SUBMITTING, null));
            }
        }
        return Optional.empty();
    }

    /**
     * The keys of the items submitting or accepted that no other live runner holds: those of a runner that is gone
     * (a process that crashed or stopped) and the asking runner's own, which an earlier run of the batch over this
     * store may have left when it stopped. A run that {@linkplain #adopt adopts} one settles it, through the journal
     * for a submit, by waiting for an accepted job; it leaves out the items it holds itself. A store that knows no
     * runner but the asking one (the default) answers every item in flight. Two runs of one batch at once should
     * therefore be two runners, not one store shared.
     */
    default Set<String> unowned(String batchId) {
        return load(batchId).values().stream()
                .filter(BatchStorePort::inFlight)
                .map(ItemRecord::key)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Makes the asking runner the owner of an item {@link #unowned} answered; false when another runner adopted it
     * first (it is then left to that runner). The default, for one runner at a time, always succeeds.
     */
    default boolean adopt(String batchId, String key) {
        return true;
    }

    /** Whether an item counts against the limit: submitting or accepted. */
    static boolean inFlight(ItemRecord item) {
        return item.state() == ItemState.SUBMITTING || item.state() == ItemState.ACCEPTED;
    }
}
