package io.legnext.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.time.Scheduler.Cancellable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutorSchedulerTest {

    /** Generous bound for "at once" on a busy CI machine; far below the 2 s an unaccelerated delay would take. */
    private static final long AT_ONCE_MILLIS = 1000;

    private ExecutorScheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsSpeedThatIsNotAPositiveFiniteNumber(double speed) {
        assertThatIllegalArgumentException().isThrownBy(() -> ExecutorScheduler.create(1, speed))
                .withMessage("'speed' must be a positive finite number, was " + speed);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 1000})
    void acceptsPositiveFiniteSpeed(double speed) {
        scheduler = ExecutorScheduler.create(1, speed);

        assertThat(scheduler.speed()).isEqualTo(speed);
    }

    @Test
    void acceleratedSchedulerRunsATwoSecondDelayWithinMilliseconds() throws InterruptedException {
        scheduler = ExecutorScheduler.create(1, 1000);
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();

        scheduler.schedule(Duration.ofSeconds(2), ran::countDown);

        assertThat(ran.await(AT_ONCE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(AT_ONCE_MILLIS));
    }

    @Test
    void acceleratedClockRunsAThousandTimesFasterThanRealTime() throws InterruptedException {
        scheduler = ExecutorScheduler.create(1, 1000);

        assertRunsAThousandTimesFaster(scheduler.clock());
    }

    @Test
    void acceleratedClockInAnotherZoneStillRunsFaster() throws InterruptedException {
        scheduler = ExecutorScheduler.create(1, 1000);
        Clock paris = scheduler.clock().withZone(ZoneId.of("Europe/Paris"));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertRunsAThousandTimesFaster(paris);
    }

    /** Brackets two clock readings between real-time readings, so the bounds hold however slow the machine is. */
    private static void assertRunsAThousandTimesFaster(Clock clock) throws InterruptedException {
        long before = System.nanoTime();
        Instant first = clock.instant();
        long afterFirst = System.nanoTime();
        Thread.sleep(20);
        long beforeSecond = System.nanoTime();
        Instant second = clock.instant();
        long after = System.nanoTime();

        Duration scaled = Duration.between(first, second);
        Duration slack = Duration.ofMillis(1);
        assertThat(scaled).isGreaterThanOrEqualTo(Duration.ofSeconds(20).minus(slack))
                .isGreaterThanOrEqualTo(Duration.ofNanos((beforeSecond - afterFirst) * 1000).minus(slack))
                .isLessThanOrEqualTo(Duration.ofNanos((after - before) * 1000).plus(slack));
    }

    @Test
    void realTimeClockIsTheSystemClock() {
        scheduler = ExecutorScheduler.create(1, 1);

        Instant before = Instant.now();
        Instant read = scheduler.clock().instant();
        Instant after = Instant.now();

        assertThat(read).isBetween(before, after);
    }

    @Test
    void negativeDelayRunsAtOnce() throws InterruptedException {
        scheduler = ExecutorScheduler.create(1, 1);
        CountDownLatch ran = new CountDownLatch(1);

        scheduler.schedule(Duration.ofSeconds(-5), ran::countDown);

        assertThat(ran.await(AT_ONCE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void cancelAnswersTrueOnceForATaskThatHasNotRun() {
        scheduler = ExecutorScheduler.create(1, 1);
        Cancellable task = scheduler.schedule(Duration.ofHours(1), () -> { });

        assertThat(task.cancel()).isTrue();
        assertThat(task.cancel()).isFalse();
    }

    @Test
    void runsTasksOnNamedDaemonThreads() throws InterruptedException {
        scheduler = ExecutorScheduler.create(1, 1);
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        scheduler.schedule(Duration.ZERO, () -> {
            thread.set(Thread.currentThread());
            ran.countDown();
        });

        assertThat(ran.await(AT_ONCE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(thread.get().isDaemon()).isTrue();
        assertThat(thread.get().getName()).isEqualTo("legnext-scheduler");
    }

    @Test
    void closeShutsDownItsOwnPool() {
        ExecutorScheduler own = ExecutorScheduler.create(1, 1);

        own.close();

        assertThatExceptionOfType(RejectedExecutionException.class)
                .isThrownBy(() -> own.schedule(Duration.ZERO, () -> { }));
    }

    @Test
    void closeLeavesAGivenExecutorRunning() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            new ExecutorScheduler(executor, 1).close();

            assertThat(executor.isShutdown()).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void givenExecutorIsCheckedForSpeedToo() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThatIllegalArgumentException().isThrownBy(() -> new ExecutorScheduler(executor, 0));
        } finally {
            executor.shutdownNow();
        }
    }
}
