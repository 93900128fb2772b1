package io.legnext.adapter.fake;

import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the service holds, built from {@link StoreRecord}s alone: jobs, the balance, the running jobs' slots and the
 * callbacks no process has taken on yet. An in-memory fake applies its records straight here; a persistent one
 * applies what it appends and what it reads from the log, so every process holds the same state. Mutated only under
 * the service's lock; the job map may be read without it.
 */
final class ServiceState implements FakeStore.Sink {

    final ConcurrentHashMap<UUID, FakeJob> jobs = new ConcurrentHashMap<>();
    final Slots slots;
    private final StoreRecord.Header initial;
    private volatile Ledger ledger;
    private volatile String accountId;
    /** Jobs with a callback that no process has claimed. */
    private final Set<UUID> unclaimed = ConcurrentHashMap.newKeySet();
    /** Jobs with a callback seen since the service last looked, for it to schedule. */
    private final Queue<UUID> newCallbacks = new ConcurrentLinkedQueue<>();

    /**
     * @param initial the header a new (or reset) log starts with: this service's configured account
     */
    ServiceState(StoreRecord.Header initial, Slots slots) {
        this.initial = initial;
        this.slots = slots;
        reset(initial);
    }

    Ledger ledger() {
        return ledger;
    }

    String accountId() {
        return accountId;
    }

    @Override
    public StoreRecord.Header newHeader() {
        return initial;
    }

    @Override
    public void reset(StoreRecord.Header header) {
        jobs.clear();
        slots.clear();
        unclaimed.clear();
        newCallbacks.clear();
        ledger = new Ledger(header.credits(), header.points(), header.serviceMillis());
        accountId = header.accountId();
    }

    @Override
    public void apply(StoreRecord record) {
        if (record instanceof StoreRecord.Accepted a) {
            FakeJob job = a.job();
            jobs.put(job.id(), job);
            if (a.charged()) {
                Ledger.Payment payment = job.paidInCredits() ? Ledger.Payment.CREDITS : Ledger.Payment.POINTS;
                ledger.freeze(job.cost(), payment, job.createdMillis());
                if (job.failure() != null) {
                    ledger.refundAt(job.endedMillis(), job.cost(), payment);
                }
            }
            slots.add(job);
            if (job.callback() != null) {
                unclaimed.add(job.id());
                newCallbacks.add(job.id());
            }
        } else if (record instanceof StoreRecord.BalanceSet b) {
            if (b.credits()) {
                ledger.setCredits(b.value(), b.atMillis());
            } else {
                ledger.setPoints(b.value(), b.atMillis());
            }
        } else if (record instanceof StoreRecord.Claimed c) {
            unclaimed.remove(c.job());
        }
        // Anchors concern the clock, not the service's state; unreadable lines are kept and ignored.
    }

    /** Whether this job's callback is still to be delivered by someone. */
    boolean isUnclaimed(UUID id) {
        return unclaimed.contains(id);
    }

    /** Takes the next job with a callback seen since the last call, or null. */
    UUID pollNewCallback() {
        return newCallbacks.poll();
    }
}
