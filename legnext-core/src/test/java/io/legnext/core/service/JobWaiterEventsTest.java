package io.legnext.core.service;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.JobStateChanged.Source;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitEnded.Outcome;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.WaitStarted;
import io.legnext.core.event.recording.RecordingListener;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.TestJobs;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.JobProgress;
import io.legnext.core.wait.JobProgressListener;
import io.legnext.core.wait.LookupFailure;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a listener hears of a wait, in virtual time: every lookup, failed ones included, and one end per start. */
class JobWaiterEventsTest {

    private static final Duration VIDEO_RUN = Duration.ofSeconds(200);
    private static final String DOWN = "Looking up job " + VIDEO_JOB + " failed at the service: HTTP 503";

    private final VirtualTime time = new VirtualTime();
    private final Instant t0 = time.now();
    private final ScriptedJobQuery query = new ScriptedJobQuery(time.clock());
    private final RecordingListener heard = new RecordingListener();
    /** Draws always 0.5: no jitter, so every delay is the policy's nominal one. */
    private final JobWaiter waiter = new JobWaiter(query, time, PollingPolicy.defaults(), () -> 0.5, heard);

    private final WaitOptions options = WaitOptions.defaults();

    private void videoJob(Duration runs, JobStatus end) {
        query.add(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, t0, runs, end);
    }

    private static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException(DOWN, 503, "", false, null);
    }

    private WaitEnded theEnd() {
        assertThat(heard.of(WaitEnded.class)).hasSize(1);
        assertThat(heard.events()).last().isInstanceOf(WaitEnded.class);
        return heard.of(WaitEnded.class).get(0);
    }

    @Test
    void aWaitIsHeardFromStartToEndWithEveryLookupAndEveryStateChange() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);

        waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        // Lookups at 0, 160, 170, 180, 190, 200 s; the status changes at the first and the last.
        assertThat(heard.names())
                .containsExactly(
                        "WaitStarted",
                        "WaitLookup",
                        "JobStateChanged",
                        "WaitLookup",
                        "WaitLookup",
                        "WaitLookup",
                        "WaitLookup",
                        "WaitLookup",
                        "JobStateChanged",
                        "WaitEnded");
        assertThat(heard.of(WaitStarted.class))
                .containsExactly(new WaitStarted(VIDEO_JOB, t0, t0.plus(WaitOptions.DEFAULT_TIMEOUT), false));
        List<WaitLookup> lookups = heard.of(WaitLookup.class);
        assertThat(lookups).extracting(WaitLookup::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(lookups)
                .extracting(WaitLookup::at)
                .containsExactly(
                        t0,
                        t0.plusSeconds(160),
                        t0.plusSeconds(170),
                        t0.plusSeconds(180),
                        t0.plusSeconds(190),
                        t0.plusSeconds(200));
        assertThat(lookups).allSatisfy(l -> {
            assertThat(l.succeeded()).isTrue();
            assertThat(l.duration()).isZero();
            assertThat(l.consecutiveFailures()).isZero();
        });
        assertThat(lookups.get(0).nextLookupAt()).contains(t0.plusSeconds(160));
        assertThat(lookups.get(5).nextLookupAt()).isEmpty();
        List<JobStateChanged> changes = heard.of(JobStateChanged.class);
        assertThat(changes)
                .extracting(
                        JobStateChanged::previous,
                        JobStateChanged::status,
                        JobStateChanged::source,
                        JobStateChanged::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Optional.empty(), JobStatus.PROCESSING, Source.LOOKUP, t0),
                        org.assertj.core.groups.Tuple.tuple(
                                Optional.of(JobStatus.PROCESSING),
                                JobStatus.COMPLETED,
                                Source.LOOKUP,
                                t0.plusSeconds(200)));
        WaitEnded end = theEnd();
        assertThat(end.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(end.last())
                .hasValueSatisfying(j -> assertThat(j.isCompleted()).isTrue());
        assertThat(end.waited()).isEqualTo(VIDEO_RUN);
        assertThat(end.jobDuration()).isEqualTo(VIDEO_RUN);
        assertThat(end.failure()).isEmpty();
    }

    @Test
    void everyFailedLookupIsHeardWithItsFailureAndWhenTheWaitLooksAgain() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        query.failNext(unavailable());
        query.failNext(unavailable());

        waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        List<WaitLookup> lookups = heard.of(WaitLookup.class);
        assertThat(lookups).hasSameSizeAs(query.lookups());
        // Retried after 2 s, then 4 s: at 0 and 2 s they failed, at 6 s the job is seen.
        assertThat(lookups.subList(0, 3))
                .extracting(WaitLookup::failure, WaitLookup::consecutiveFailures, WaitLookup::nextLookupAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Optional.of(DOWN), 1, Optional.of(t0.plusSeconds(2))),
                        org.assertj.core.groups.Tuple.tuple(Optional.of(DOWN), 2, Optional.of(t0.plusSeconds(6))),
                        org.assertj.core.groups.Tuple.tuple(Optional.empty(), 0, Optional.of(t0.plusSeconds(160))));
        assertThat(theEnd().outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aProgressListenerHearsOfEveryLookupFailedOnesIncluded() {
        query.add(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, t0, Duration.ofSeconds(170), JobStatus.COMPLETED);
        query.failNext(unavailable());
        List<JobProgress> progress = new CopyOnWriteArrayList<>();
        List<LookupFailure> failures = new CopyOnWriteArrayList<>();
        JobProgressListener both = new JobProgressListener() {
            @Override
            public void onProgress(JobProgress p) {
                progress.add(p);
            }

            @Override
            public void onLookupFailed(LookupFailure f) {
                failures.add(f);
            }
        };

        waiter.waitFor(VIDEO_JOB, options.withListener(both));
        time.runUntilIdle(Duration.ofHours(1));

        // Four lookups (0 s failed, 2, 160, 170 s): four reports.
        assertThat(query.lookups()).hasSize(4);
        assertThat(progress).hasSize(3);
        assertThat(failures)
                .containsExactly(new LookupFailure(VIDEO_JOB, DOWN, Duration.ZERO, 1, Optional.of(t0.plusSeconds(2))));
    }

    @Test
    void aFailureThatEndsTheWaitIsHeardWithoutANextLookupAndEndsItInError() {
        JobId unknown = JobId.random();
        List<LookupFailure> failures = new CopyOnWriteArrayList<>();
        JobProgressListener progress = new JobProgressListener() {
            @Override
            public void onProgress(JobProgress p) {}

            @Override
            public void onLookupFailed(LookupFailure f) {
                failures.add(f);
            }
        };

        waiter.waitFor(unknown, options.withListener(progress));
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(heard.names()).containsExactly("WaitStarted", "WaitLookup", "WaitEnded");
        assertThat(heard.of(WaitLookup.class)).singleElement().satisfies(l -> {
            assertThat(l.failure()).hasValueSatisfying(f -> assertThat(f).contains("Looking up job " + unknown));
            assertThat(l.nextLookupAt()).isEmpty();
        });
        assertThat(failures)
                .singleElement()
                .satisfies(f -> assertThat(f.nextPollAt()).isEmpty());
        WaitEnded end = theEnd();
        assertThat(end.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(end.last()).isEmpty();
        assertThat(end.failure()).hasValueSatisfying(f -> assertThat(f).contains("Looking up job " + unknown));
    }

    @Test
    void theDeadlineEndsTheWaitTimedOutWithTheJobAsLastSeen() {
        videoJob(Duration.ofMinutes(30), JobStatus.COMPLETED);

        waiter.waitFor(VIDEO_JOB, options.withTimeout(Duration.ofSeconds(100)));
        time.runUntilIdle(Duration.ofHours(1));

        WaitEnded end = theEnd();
        assertThat(end.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(end.last()).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.PROCESSING));
        assertThat(end.waited()).isEqualTo(Duration.ofSeconds(100));
        assertThat(end.failure()).hasValueSatisfying(f -> assertThat(f).contains("still running remotely"));
        assertThat(heard.of(WaitLookup.class))
                .last()
                .satisfies(l -> assertThat(l.nextLookupAt()).isEmpty());
    }

    @Test
    void aJobThatFailsEndsTheWaitFailedWithTheServicesReason() {
        videoJob(VIDEO_RUN, JobStatus.FAILED);

        waiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        WaitEnded end = theEnd();
        assertThat(end.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(end.last()).hasValueSatisfying(j -> assertThat(j.isFailed()).isTrue());
        assertThat(end.failure()).hasValueSatisfying(f -> assertThat(f).contains("Sensitive content detected"));
    }

    @Test
    void aCancelledWaitEndsCancelledWithoutAFailure() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        CompletableFuture<Job> future = waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ofSeconds(10));

        future.cancel(false);

        WaitEnded end = theEnd();
        assertThat(end.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(end.failure()).isEmpty();
        assertThat(end.waited()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theJobGivenAndACallbackAreStateChangesFromTheirSourceAndNoLookups() {
        Job submitted = TestJobs.pending(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION).toBuilder()
                .createdAt(t0)
                .build();
        waiter.waitFor(submitted, options);
        time.advance(Duration.ofSeconds(30));

        waiter.offer(TestJobs.job(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, JobStatus.STAGED));
        waiter.offer(TestJobs.completedVideoJob(VIDEO_JOB));

        assertThat(heard.of(WaitLookup.class)).isEmpty();
        assertThat(heard.of(JobStateChanged.class))
                .extracting(JobStateChanged::source, JobStateChanged::previous, JobStateChanged::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Source.GIVEN, Optional.empty(), JobStatus.PENDING),
                        org.assertj.core.groups.Tuple.tuple(
                                Source.CALLBACK, Optional.of(JobStatus.PENDING), JobStatus.STAGED),
                        org.assertj.core.groups.Tuple.tuple(
                                Source.CALLBACK, Optional.of(JobStatus.STAGED), JobStatus.COMPLETED));
        assertThat(theEnd().outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aShutdownEndsEveryOpenWaitInErrorSoThatEveryStartHasItsEnd() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        waiter.waitFor(VIDEO_JOB, options);
        waiter.waitFor(VIDEO_JOB, options);
        time.advance(Duration.ZERO);

        waiter.shutdown();

        assertThat(heard.of(WaitStarted.class)).hasSize(2);
        assertThat(heard.of(WaitEnded.class)).hasSize(2).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(e.failure()).hasValueSatisfying(f -> assertThat(f).contains("waiter was shut down"));
        });
    }

    @Test
    void aFaultyListenerLeavesTheWaitAsItWouldBe() {
        videoJob(VIDEO_RUN, JobStatus.COMPLETED);
        LegnextListener faulty = new LegnextListener() {
            @Override
            public void onWaitStarted(WaitStarted event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onWaitLookup(WaitLookup event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onWaitEnded(WaitEnded event) {
                throw new IllegalStateException("listener bug");
            }
        };
        JobWaiter faultyWaiter = new JobWaiter(query, time, PollingPolicy.defaults(), () -> 0.5, faulty);

        CompletableFuture<Job> future = faultyWaiter.waitFor(VIDEO_JOB, options);
        time.runUntilIdle(Duration.ofHours(1));

        assertThat(future.join().isCompleted()).isTrue();
        assertThat(query.lookups()).hasSize(6);
        assertThat(faultyWaiter.activeWaits()).isZero();
    }
}
