package io.legnext.core.time;

import io.legnext.core.port.out.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduler on real time, backed by a small {@link ScheduledExecutorService}; optionally accelerated, so that
 * the in-memory service's minutes pass in seconds while every duration keeps its meaning.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final Clock clock;
    private final double speed;

    /**
     * @param executor runs the tasks; not shut down by {@link #close()}
     * @param speed how many seconds of scheduler time pass per real second (1 for real time)
     */
    public ExecutorScheduler(ScheduledExecutorService executor, double speed) {
        this(executor, false, speed);
    }

    private ExecutorScheduler(ScheduledExecutorService executor, boolean owns, double speed) {
        this(executor, owns, speed, speed == 1.0 ? Clock.systemUTC() : new ScaledClock(Clock.systemUTC(), speed));
    }

    private ExecutorScheduler(ScheduledExecutorService executor, boolean owns, double speed, Clock clock) {
        checkSpeed(speed);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = owns;
        this.speed = speed;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A real-time scheduler with its own daemon thread pool of {@code threads} threads, shut down by
     * {@link #close()}.
     */
    public static ExecutorScheduler create(int threads, double speed) {
        checkSpeed(speed);
        return new ExecutorScheduler(daemonPool(threads), true, speed);
    }

    /**
     * A scheduler like {@link #create(int, double)} whose clock follows an anchor that other processes share: at the
     * wall instant {@code wallAnchor} its time was {@code anchor}, and it runs {@code speed} times faster than the
     * wall clock from there. Processes given the same anchor and speed tell the same time (to the wall clocks'
     * agreement), whenever each started.
     */
    public static ExecutorScheduler anchored(int threads, double speed, Instant wallAnchor, Instant anchor) {
        return new ExecutorScheduler(
                daemonPool(threads), true, speed, anchoredClock(Clock.systemUTC(), speed, wallAnchor, anchor));
    }

    /**
     * The clock of {@link #anchored}: {@code anchor + (wall - wallAnchor) * speed}. It never goes backwards, not
     * even when {@code wall} does (a wall-clock step back holds it still until the wall catches up).
     *
     * @param wall the wall clock it follows; {@link Clock#systemUTC()} but in tests
     */
    public static Clock anchoredClock(Clock wall, double speed, Instant wallAnchor, Instant anchor) {
        checkSpeed(speed);
        return new AnchoredClock(
                Objects.requireNonNull(wall, "wall"),
                speed,
                Objects.requireNonNull(wallAnchor, "wallAnchor"),
                Objects.requireNonNull(anchor, "anchor"),
                new AtomicLong(Long.MIN_VALUE));
    }

    private static ScheduledExecutorService daemonPool(int threads) {
        return Executors.newScheduledThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "legnext-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    private static void checkSpeed(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("'speed' must be a positive finite number, was " + speed);
        }
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Seconds of scheduler time per real second. */
    public double speed() {
        return speed;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long nanos = delay == null || delay.isNegative() ? 0 : (long) (toNanos(delay) / speed);
        ScheduledFuture<?> future = executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    private static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    /** A clock that runs {@code speed} times faster than a wall clock from a shared anchor, never backwards. */
    private static final class AnchoredClock extends Clock {
        private final Clock wall;
        private final double speed;
        private final Instant wallAnchor;
        private final Instant anchor;
        /** The largest nanoseconds after the anchor this clock (or a zone copy of it) has told. */
        private final AtomicLong told;

        AnchoredClock(Clock wall, double speed, Instant wallAnchor, Instant anchor, AtomicLong told) {
            this.wall = wall;
            this.speed = speed;
            this.wallAnchor = wallAnchor;
            this.anchor = anchor;
            this.told = told;
        }

        @Override
        public ZoneId getZone() {
            return wall.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new AnchoredClock(wall.withZone(zone), speed, wallAnchor, anchor, told);
        }

        @Override
        public Instant instant() {
            Duration elapsed = Duration.between(wallAnchor, wall.instant());
            double scaled = (elapsed.getSeconds() * 1e9 + elapsed.getNano()) * speed;
            // Saturates rather than wraps: a wall clock decades away still tells a time, the latest it can.
            long nanos = scaled >= Long.MAX_VALUE
                    ? Long.MAX_VALUE
                    : scaled <= Long.MIN_VALUE ? Long.MIN_VALUE : (long) scaled;
            long shown = told.accumulateAndGet(nanos, Math::max);
            return anchor.plusNanos(shown);
        }
    }

    /** A clock that runs {@code speed} times faster than its base from the moment it was made. */
    private static final class ScaledClock extends Clock {
        private final Clock base;
        private final double speed;
        private final Instant origin;
        private final long originNanos;

        ScaledClock(Clock base, double speed) {
            this(base, speed, base.instant(), System.nanoTime());
        }

        private ScaledClock(Clock base, double speed, Instant origin, long originNanos) {
            this.base = base;
            this.speed = speed;
            this.origin = origin;
            this.originNanos = originNanos;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new ScaledClock(base.withZone(zone), speed, origin, originNanos);
        }

        @Override
        public Instant instant() {
            long elapsed = System.nanoTime() - originNanos;
            return origin.plusNanos((long) (elapsed * speed));
        }
    }
}
