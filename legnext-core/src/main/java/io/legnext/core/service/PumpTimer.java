package io.legnext.core.service;

import io.legnext.core.port.out.Scheduler;
import java.time.Duration;
import java.time.Instant;

/**
 * When a batch run's next pump runs: at most one is due at a time, the soonest asked for. A request for a later
 * pump than the one due only adds its wish to look at the store; a request for a sooner one brings it forward.
 * Not thread-safe: the run calls it under its own lock.
 */
final class PumpTimer {

    private final Scheduler scheduler;
    private final Runnable pump;
    private Scheduler.Cancellable due;
    private Instant dueAt = Instant.MAX;
    private boolean looks;

    PumpTimer(Scheduler scheduler, Runnable pump) {
        this.scheduler = scheduler;
        this.pump = pump;
    }

    /** Asks for a pump after {@code delay}, which looks at the store first when {@code lookAtStore}. */
    void request(Duration delay, boolean lookAtStore) {
        Instant at = scheduler.clock().instant().plus(delay);
        if (due != null) {
            if (!at.isBefore(dueAt)) {
                looks |= lookAtStore;
                return;
            }
            due.cancel();
            lookAtStore |= looks;
        }
        dueAt = at;
        looks = lookAtStore;
        due = scheduler.schedule(delay, pump);
    }

    /** Called as the pump starts: clears what was due, and answers whether it should look at the store. */
    boolean fired() {
        boolean look = looks;
        due = null;
        dueAt = Instant.MAX;
        looks = false;
        return look;
    }

    /** Cancels the pump due, if any. */
    void cancel() {
        if (due != null) {
            due.cancel();
            due = null;
            dueAt = Instant.MAX;
            looks = false;
        }
    }
}
