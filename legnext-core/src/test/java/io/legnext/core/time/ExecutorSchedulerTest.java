package io.legnext.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.port.out.Scheduler.Cancellable;
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

    /**
     * How long a task that should run soon may take on a machine whose cores are all busy: it only bounds a failing
     * run, and is far shorter than any delay below would take if it were not accelerated or not run at once.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ExecutorScheduler.create(1, speed))
                .withMessage("'speed' must be a positive finite number, was " + speed);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 1000})
    void acceptsPositiveFiniteSpeed(double speed) {
        scheduler = ExecutorScheduler.create(1, speed);

        assertThat(scheduler.speed()).isEqualTo(speed);
    }

    /** Never early, whatever the machine; late only by the machine's delays, which stay far below two minutes. */
    @Test
    void acceleratedSchedulerRunsATwoMinuteDelayAfterAThousandthOfIt() throws InterruptedException {
        scheduler = ExecutorScheduler.create(1, 1000);
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();

        scheduler.schedule(Duration.ofMinutes(2), ran::countDown);

        assertThat(await(ran)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(120))
                .isLessThan(Duration.ofMinutes(2));
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

    private static boolean await(CountDownLatch ran) throws InterruptedException {
        return ran.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
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
        assertThat(scaled)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(20).minus(slack))
                .isGreaterThanOrEqualTo(
                        Duration.ofNanos((beforeSecond - afterFirst) * 1000).minus(slack))
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

        scheduler.schedule(Duration.ofHours(-1), ran::countDown);

        assertThat(await(ran)).isTrue();
    }

    @Test
    void cancelAnswersTrueOnceForATaskThatHasNotRun() {
        scheduler = ExecutorScheduler.create(1, 1);
        Cancellable task = scheduler.schedule(Duration.ofHours(1), () -> {});

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

        assertThat(await(ran)).isTrue();
        assertThat(thread.get().isDaemon()).isTrue();
        assertThat(thread.get().getName()).isEqualTo("legnext-scheduler");
    }

    @Test
    void closeShutsDownItsOwnPool() {
        ExecutorScheduler own = ExecutorScheduler.create(1, 1);

        own.close();

        assertThatExceptionOfType(RejectedExecutionException.class)
                .isThrownBy(() -> own.schedule(Duration.ZERO, () -> {}));
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
