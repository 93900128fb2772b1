package io.legnext.core.time;

import io.legnext.core.port.out.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A clock and scheduler that move only when told to: tests (ours and hosts') run minutes of waiting in
 * microseconds, deterministically. Thread-safe; tasks run on the thread that advances time.
 */
public final class VirtualTime implements Scheduler {

    private final Object lock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Clock clock = new VirtualClock();
    private Instant now;
    private long sequence;

    /** Starts at the given instant. */
    public VirtualTime(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Starts at 2025-10-21T10:51:46Z, the creation time of a recorded real job. */
    public VirtualTime() {
        this(Instant.parse("2025-10-21T10:51:46Z"));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The current virtual instant. */
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        Duration d = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        Entry entry;
        synchronized (lock) {
            entry = new Entry(now.plus(d), sequence++, task);
            queue.add(entry);
        }
        return () -> {
            boolean won = entry.cancelled.compareAndSet(false, true);
            if (won) {
                synchronized (lock) {
                    queue.remove(entry);
                }
            }
            return won;
        };
    }

    /**
     * Moves time forward by {@code duration}, running every task that falls due, in order, each at its own instant;
     * tasks those tasks schedule within the window run too.
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'duration' must not be negative, was " + duration);
        }
        Instant target;
        synchronized (lock) {
            target = now.plus(duration);
        }
        advanceTo(target);
    }

    /** Moves time forward to {@code target}, running every task that falls due on the way. */
    public void advanceTo(Instant target) {
        while (true) {
            Entry next;
            synchronized (lock) {
                Entry head = queue.peek();
                if (head == null || head.due.isAfter(target)) {
                    if (target.isAfter(now)) {
                        now = target;
                    }
                    return;
                }
                next = queue.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            if (next.cancelled.compareAndSet(false, true)) {
                next.task.run();
            }
        }
    }

    /** Runs tasks, moving time forward to each, until none is left or {@code limit} has passed; answers the time moved. */
    public Duration runUntilIdle(Duration limit) {
        Instant start = now();
        Instant end = start.plus(limit);
        while (true) {
            Instant due;
            synchronized (lock) {
                Entry head = queue.peek();
                if (head == null || head.due.isAfter(end)) {
                    return Duration.between(start, now);
                }
                due = head.due;
            }
            advanceTo(due);
        }
    }

    /** How many tasks are waiting to run. */
    public int pendingTasks() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private static final class Entry implements Comparable<Entry> {
        final Instant due;
        final long seq;
        final Runnable task;
        final AtomicBoolean cancelled = new AtomicBoolean();

        Entry(Instant due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock() {
            this(ZoneOffset.UTC);
        }

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new VirtualClock(other);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
