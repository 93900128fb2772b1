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
        checkSpeed(speed);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = owns;
        this.speed = speed;
        this.clock = speed == 1.0 ? Clock.systemUTC() : new ScaledClock(Clock.systemUTC(), speed);
    }

    /**
     * A real-time scheduler with its own daemon thread pool of {@code threads} threads, shut down by
     * {@link #close()}.
     */
    public static ExecutorScheduler create(int threads, double speed) {
        checkSpeed(speed);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "legnext-scheduler");
            t.setDaemon(true);
            return t;
        });
        return new ExecutorScheduler(executor, true, speed);
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
