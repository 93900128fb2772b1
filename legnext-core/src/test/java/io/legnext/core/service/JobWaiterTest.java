package io.legnext.core.service;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.AuthenticationException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceError;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.error.UnexpectedResponseException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.JobProgress;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import io.legnext.core.wait.WaitTimedOutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The waiter in virtual time: every schedule, outcome and lookup count is exact. */
class JobWaiterTest {

    private static final Duration VIDEO_RUN = Duration.ofSeconds(200);

    private final VirtualTime time = new VirtualTime();
    private final Instant t0 = time.now();
    private final ScriptedJobQuery query = new ScriptedJobQuery(time.clock());
    /** Draws always 0.5: no jitter, so every delay is the policy's nominal one. */
    private final JobWaiter waiter = new JobWaiter(query, time, PollingPolicy.defaults(), () -> 0.5);

    private final List<JobProgress> events = new CopyOnWriteArrayList<>();
    private final WaitOptions options = WaitOptions.defaults().withListener(events::add);

    private ScriptedJobQuery videoJob(Duration runs, JobStatus end) {
        return query.add(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, t0, runs, end);
    }

    private List<Duration> lookupTimes() {
        return query.lookups().stream().map(l -> Duration.between(t0, l.at())).toList();
    }

    private static Throwable failureOf(CompletableFuture<Job> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- outcomes

    @Test
    void aCompletedJobIsTheResultNoticedWithinOneInterval() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future).isCompleted();
        assertThat(future.join().status()).isEqualTo(JobStatus.COMPLETED);
        // At once, then 160 s (earliest 150 s + one interval), then every 10 s: 170, ..., 200.
        assertThat(lookupTimes())
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(160),
                        Duration.ofSeconds(170),
                        Duration.ofSeconds(180),
                        Duration.ofSeconds(190),
                        Duration.ofSeconds(200));
        assertThat(waiter.activeWaits()).isZero();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aWaitByIdLooksUpAtOnceThenNotAgainUntilTheEarliestCompletion() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);

        waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ZERO);
        assertThat(query.lookups()).hasSize(1);

        time.advance(Duration.ofSeconds(159));
        assertThat(query.lookups()).hasSize(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(query.lookups()).hasSize(2);
    }

    @Test
    void aWaitFromTheSubmittedJobSkipsTheInitialLookup() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        Job submitted = query.peek(VIDEO_JOB);

        CompletableFuture<Job> future = waiter.waitFor(submitted, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(lookupTimes()).first().isEqualTo(Duration.ofSeconds(160));
        assertThat(query.lookups()).hasSize(5);
    }

    @Test
    void aWaitFromAnAlreadyTerminalJobCompletesAtOnceWithoutALookup() {
        videoJob(Duration.ZERO, JobStatus.COMPLETED);

        CompletableFuture<Job> future = waiter.waitFor(query.peek(VIDEO_JOB), options);

        assertThat(future).isCompleted();
        assertThat(query.lookups()).isEmpty();
    }

    @Test
    void aFailedJobEndsTheWaitWithTheServicesCodeAndMessage() {
        videoJob(VIDEO_RUN, JobStatus.FAILED);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(failureOf(future)).isInstanceOfSatisfying(JobFailedException.class, e -> {
            assertThat(e.code()).isEqualTo(10001);
            assertThat(e.serviceMessage()).isEqualTo("Sensitive content detected");
            assertThat(e.job().id()).isEqualTo(VIDEO_JOB);
        });
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void unknownStatusesAreNotTerminal() {
        NavigableMap<Duration, JobStatus> statuses = new TreeMap<>();
        statuses.put(Duration.ZERO, JobStatus.of("queued_for_gpu"));
        statuses.put(Duration.ofSeconds(170), JobStatus.of("rendering"));
        statuses.put(VIDEO_RUN, JobStatus.COMPLETED);
        query.add(VIDEO_JOB, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), t0, statuses);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(events)
                .extracting(p -> p.job().status().toString())
                .containsSubsequence("queued_for_gpu", "rendering", "completed");
    }

    // ---------------------------------------------------------------- deadline

    @Test
    void theDeadlineEndsTheWaitWithTheLastKnownJobAfterOneLastLookAtTheDeadline() {
        videoJob(Duration.ofMinutes(30), JobStatus.COMPLETED);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options.withTimeout(Duration.ofSeconds(100)));
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(failureOf(future)).isInstanceOfSatisfying(WaitTimedOutException.class, e -> {
            assertThat(e.lastKnown().status()).isEqualTo(JobStatus.PROCESSING);
            assertThat(e.waited()).isEqualTo(Duration.ofSeconds(100));
            assertThat(e).hasMessageContaining("still running remotely");
        });
        assertThat(lookupTimes()).containsExactly(Duration.ZERO, Duration.ofSeconds(100));
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aJobNeverSeenTimesOutWithAMinimalJobAndTheLastLookupErrorAttached() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        ServiceUnavailableException down = new ServiceUnavailableException(
                "Looking up job " + VIDEO_JOB + " failed: HTTP 503", 503, "", false, null);
        query.failAlways(down);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options.withTimeout(Duration.ofMinutes(2)));
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(failureOf(future)).isInstanceOfSatisfying(WaitTimedOutException.class, e -> {
            assertThat(e.lastKnown().id()).isEqualTo(VIDEO_JOB);
            assertThat(e.lastKnown().status().toString()).isEqualTo("unknown (no lookup succeeded)");
            assertThat(e.lastKnown().taskType().kind()).isEqualTo(TaskType.Kind.UNKNOWN);
            assertThat(e.getSuppressed()).containsExactly(down);
        });
        // Retried at 2, 4, 8, 16, 32, 60 s intervals: at 0, 2, 6, 14, 30, 62 and the deadline, 120 s.
        assertThat(lookupTimes())
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(14),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(62),
                        Duration.ofSeconds(120));
    }

    @Test
    void aDeadlinePassedBeforeAnyLookCostsOneLookupInsteadOfATimeoutOnAStaleState() {
        // The service has finished the job; the waiter holds the pending answer to its submit.
        videoJob(Duration.ZERO, JobStatus.COMPLETED);
        Job pendingInHand = Job.builder(VIDEO_JOB, TaskType.of("video_diffusion"), JobStatus.PENDING)
                .createdAt(t0)
                .build();
        // An hour passes between opening the wait and planning its first lookup (a stalled machine, or a clock
        // thousands of times faster than real time): the 20-minute deadline is behind before anything looked.
        Scheduler stalled = new Scheduler() {
            private final AtomicInteger readings = new AtomicInteger();
            private final Clock clock = new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    Instant now = time.now();
                    return readings.getAndIncrement() == 0 ? now : now.plus(Duration.ofHours(1));
                }
            };

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return time.schedule(delay, task);
            }
        };
        JobWaiter late = new JobWaiter(query, stalled, PollingPolicy.defaults(), () -> 0.5);

        CompletableFuture<Job> future = late.waitFor(pendingInHand, options.withTimeout(Duration.ofMinutes(20)));
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future).isCompleted();
        assertThat(future.join().isCompleted()).isTrue();
        assertThat(query.lookups()).hasSize(1);
    }

    // ---------------------------------------------------------------- cancellation

    @Test
    void cancellingTheFutureStopsPollingAtOnce() {
        videoJob(Duration.ofMinutes(30), JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ofSeconds(200));
        int before = query.lookups().size();
        assertThat(before).isEqualTo(6);

        assertThat(future.cancel(true)).isTrue();
        time.advance(Duration.ofHours(2));

        assertThat(query.lookups()).hasSize(before);
        assertThat(time.pendingTasks()).isZero();
        assertThat(waiter.activeWaits()).isZero();
    }

    @Test
    void cancellingBeforeTheFirstLookupMakesNone() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);

        waiter.waitFor(VIDEO_JOB, options).cancel(false);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(query.lookups()).isEmpty();
    }

    @Test
    void anInterruptedAwaitCancelsTheWaitAndPropagates() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> waiter.await(VIDEO_JOB, options)).isInstanceOf(InterruptedException.class);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(query.lookups()).isEmpty();
        assertThat(waiter.activeWaits()).isZero();
        assertThat(Thread.interrupted()).isFalse();
    }

    // ---------------------------------------------------------------- lookup errors

    @Test
    void anUnavailableServiceDoesNotEndTheWait() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        query.failNext(new ServiceUnavailableException("Looking up job: HTTP 503", 503, "", false, null));

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(lookupTimes()).startsWith(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(160));
    }

    @Test
    void aRateLimitedLookupWaitsForTheServicesRetryHint() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        query.failNext(new RateLimitedException(
                "Looking up job " + VIDEO_JOB,
                new ServiceError(429, 429, "Too many requests", "", ""),
                Duration.ofSeconds(30)));

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(lookupTimes()).startsWith(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(160));
    }

    @Test
    void anUnreadableAnswerToALookupDoesNotEndTheWait() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        query.failNext(new UnexpectedResponseException(
                "Looking up job: a proxy's HTML page", 200, "<html>gateway</html>", null));

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(lookupTimes()).startsWith(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void shuttingTheWaiterDownEndsEveryOpenWaitAtOnceAndStopsPolling() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> first = waiter.waitFor(VIDEO_JOB, options);
        CompletableFuture<Job> second = waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ZERO);
        int lookupsBefore = query.lookups().size();

        assertThat(waiter.shutdown()).isEqualTo(2);

        assertThat(failureOf(first))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still runs remotely")
                .hasMessageContaining(VIDEO_JOB.toString());
        assertThat(failureOf(second)).isInstanceOf(IllegalStateException.class);
        assertThat(waiter.activeWaits()).isZero();
        time.runUntilIdle(Duration.ofHours(1));
        assertThat(query.lookups()).hasSize(lookupsBefore);
    }

    @Test
    void anUnknownJobEndsTheWaitAtOnceWithNotFound() {
        CompletableFuture<Job> future = waiter.waitFor(JobId.random(), options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(failureOf(future)).isInstanceOf(NotFoundException.class);
        assertThat(query.lookups()).hasSize(1);
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void aRejectedKeyEndsTheWait() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        query.failNext(new AuthenticationException(
                "Looking up job " + VIDEO_JOB, new ServiceError(401, 401, "Failed to verify api key", "", "")));

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(failureOf(future)).isInstanceOf(AuthenticationException.class);
        assertThat(query.lookups()).hasSize(1);
    }

    @Test
    void anUnexpectedRuntimeExceptionEndsTheWaitRatherThanLoopingOnIt() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        query.failNext(new IllegalStateException("adapter bug"));

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(failureOf(future)).hasMessage("adapter bug");
    }

    @Test
    void aShutDownSchedulerEndsTheWaitWithAnExplanation() {
        Scheduler closed = new Scheduler() {
            @Override
            public Clock clock() {
                return time.clock();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
        };
        JobWaiter onClosed = new JobWaiter(query, closed, PollingPolicy.defaults());

        CompletableFuture<Job> future = onClosed.waitFor(VIDEO_JOB, options);

        assertThat(failureOf(future))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scheduler was probably shut down");
        assertThat(onClosed.activeWaits()).isZero();
    }

    // ---------------------------------------------------------------- resume

    @Test
    void aWaitResumedLongAfterTheSubmitPollsSoonInsteadOfStartingFromScratch() {
        query.add(
                VIDEO_JOB,
                TaskType.Kind.VIDEO_DIFFUSION,
                t0.minusSeconds(200),
                Duration.ofSeconds(250),
                JobStatus.COMPLETED);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(lookupTimes())
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(50));
    }

    @Test
    void aWaitResumedOnAnOverdueJobBacksOffButLooksWithinAMinute() {
        query.add(
                VIDEO_JOB,
                TaskType.Kind.VIDEO_DIFFUSION,
                t0.minus(Duration.ofHours(1)),
                Duration.ofHours(2),
                JobStatus.COMPLETED);

        waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ofMinutes(5));

        assertThat(lookupTimes())
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(180),
                        Duration.ofSeconds(240),
                        Duration.ofSeconds(300));
    }

    // ---------------------------------------------------------------- progress

    @Test
    void progressReportsElapsedTimeNextPollAndWhetherTheStatusChanged() {
        videoJob(Duration.ofSeconds(165), JobStatus.COMPLETED);

        waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(events).hasSize(3);
        JobProgress first = events.get(0);
        assertThat(first.job().status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(first.elapsed()).isEqualTo(Duration.ZERO);
        assertThat(first.nextPollAt()).contains(t0.plusSeconds(160));
        assertThat(first.expectedRemaining()).contains(Duration.ofMinutes(4));
        assertThat(first.changed()).isTrue();
        JobProgress second = events.get(1);
        assertThat(second.elapsed()).isEqualTo(Duration.ofSeconds(160));
        assertThat(second.nextPollAt()).contains(t0.plusSeconds(170));
        assertThat(second.expectedRemaining()).contains(Duration.ofSeconds(80));
        assertThat(second.changed()).isFalse();
        JobProgress last = events.get(2);
        assertThat(last.job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(last.elapsed()).isEqualTo(Duration.ofSeconds(170));
        assertThat(last.nextPollAt()).isEmpty();
        assertThat(last.expectedRemaining()).isEmpty();
        assertThat(last.changed()).isTrue();
    }

    @Test
    void aFailingListenerDoesNotEndTheWait() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options.withListener(p -> {
            throw new IllegalStateException("listener bug");
        }));
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
    }

    // ---------------------------------------------------------------- offers (callbacks)

    @Test
    void anOfferedCompletedJobCompletesTheWaitAtOnceAndStopsPolling() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ofSeconds(100));
        assertThat(future).isNotDone();

        waiter.offer(io.legnext.core.job.TestJobs.completedVideoJob(VIDEO_JOB));

        assertThat(future).isCompleted();
        assertThat(future.join().videoUrls()).hasSize(4);
        assertThat(time.pendingTasks()).isZero();
        time.advance(Duration.ofHours(1));
        assertThat(query.lookups()).hasSize(1);
    }

    @Test
    void anOfferedFailedJobFailsTheWait() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ZERO);

        waiter.offer(Job.builder(VIDEO_JOB, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), JobStatus.FAILED)
                .build());

        assertThat(failureOf(future)).isInstanceOf(JobFailedException.class);
    }

    @Test
    void anOfferedIntermediateStateIsReportedAndKeepsTheSchedule() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ofSeconds(50));

        waiter.offer(Job.builder(VIDEO_JOB, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), JobStatus.STAGED)
                .build());

        assertThat(future).isNotDone();
        assertThat(events).last().satisfies(p -> {
            assertThat(p.job().status()).isEqualTo(JobStatus.STAGED);
            assertThat(p.changed()).isTrue();
            assertThat(p.nextPollAt()).contains(t0.plusSeconds(160));
        });
        time.advance(Duration.ofSeconds(110));
        assertThat(query.lookups()).hasSize(2);
    }

    @Test
    void anOfferCompletesEveryWaitOnThatJobAndNoOther() {
        JobId other = JobId.random();
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        query.add(other, TaskType.Kind.VIDEO_DIFFUSION, t0, VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> a = waiter.waitFor(VIDEO_JOB, options);
        CompletableFuture<Job> b = waiter.waitFor(VIDEO_JOB, options);
        CompletableFuture<Job> c = waiter.waitFor(other, options);

        waiter.offer(io.legnext.core.job.TestJobs.completedVideoJob(VIDEO_JOB));

        assertThat(a).isCompleted();
        assertThat(b).isCompleted();
        assertThat(c).isNotDone();
        assertThat(waiter.activeWaits()).isEqualTo(1);
    }

    @Test
    void anOfferForAJobNobodyWaitsOnIsIgnored() {
        waiter.offer(io.legnext.core.job.TestJobs.completedVideoJob(VIDEO_JOB));

        assertThat(waiter.activeWaits()).isZero();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void withACallbackExpectedNoLookIsMadeBeforeTheLatestCompletionSoTheCallbackCostsNothing() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options.withCallbackExpected(true));

        time.advance(VIDEO_RUN);
        waiter.offer(query.peek(VIDEO_JOB));

        assertThat(future).isCompleted();
        assertThat(query.lookups()).hasSize(1);
    }

    @Test
    void withACallbackExpectedButLostTheSafetyNetStillFindsTheJob() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);

        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options.withCallbackExpected(true));
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(lookupTimes()).containsExactly(Duration.ZERO, Duration.ofSeconds(490));
    }

    // ---------------------------------------------------------------- fixed interval

    @Test
    void aFixedIntervalPollsExactlyThatOften() {
        videoJob(Duration.ofSeconds(10), JobStatus.COMPLETED);

        waiter.waitFor(VIDEO_JOB, options.withFixedInterval(Duration.ofSeconds(3)));
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(lookupTimes())
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(9),
                        Duration.ofSeconds(12));
    }

    @Test
    void aCancelledFutureSurfacesAsCancellationFromGet() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);

        future.cancel(false);

        assertThatThrownBy(future::get).isInstanceOf(CancellationException.class);
    }
}
