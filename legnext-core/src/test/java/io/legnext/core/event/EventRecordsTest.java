package io.legnext.core.event;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.callback.CallbackRejectedException.Reason;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.TestJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The events' invariants, each at its bounds, and what they derive. */
class EventRecordsTest {

    private static final Instant AT = Instant.parse("2025-10-21T10:51:46Z");
    private static final Duration MS_20 = Duration.ofMillis(20);
    private static final Job PROCESSING = TestJobs.job(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, JobStatus.PROCESSING);

    private static HttpAttempt attempt(
            int number, OptionalInt status, Optional<String> failure, Optional<Duration> retry) {
        return new HttpAttempt(ApiOperation.JOB_LOOKUP, number, AT, MS_20, status, failure, retry);
    }

    // ---------------------------------------------------------------- HttpAttempt

    @Test
    void anAttemptNumberStartsAtOne() {
        assertThat(attempt(1, OptionalInt.of(200), Optional.empty(), Optional.empty())
                        .attempt())
                .isEqualTo(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> attempt(0, OptionalInt.of(200), Optional.empty(), Optional.empty()))
                .withMessage("'attempt' must be at least 1, was 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {99, 600})
    void anHttpStatusIsBetween100And599(int status) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> attempt(1, OptionalInt.of(status), Optional.of("odd"), Optional.empty()))
                .withMessage("'status' must be between 100 and 599, was " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 599})
    void theHttpStatusBoundsAreAccepted(int status) {
        assertThat(attempt(1, OptionalInt.of(status), Optional.of("odd"), Optional.empty())
                        .status())
                .hasValue(status);
    }

    @Test
    void aSuccessfulAttemptIsNeverRetried() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> attempt(1, OptionalInt.of(200), Optional.empty(), Optional.of(MS_20)))
                .withMessage("'retryDelay' must be absent when the attempt succeeded, was PT0.02S");
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HttpAttempt(
                        ApiOperation.BALANCE,
                        1,
                        AT,
                        Duration.ofNanos(-1),
                        OptionalInt.empty(),
                        Optional.of("refused"),
                        Optional.empty()))
                .withMessage("'duration' must not be negative, was PT-0.000000001S");
    }

    @Test
    void aRetriedAttemptSaysWhenTheNextOneIsDue() {
        HttpAttempt retried =
                attempt(1, OptionalInt.of(503), Optional.of("HTTP 503"), Optional.of(Duration.ofSeconds(2)));

        assertThat(retried.succeeded()).isFalse();
        assertThat(retried.willRetry()).isTrue();
        assertThat(retried.retryAt()).hasValue(AT.plusSeconds(2));
        assertThat(attempt(4, OptionalInt.empty(), Optional.of("refused"), Optional.empty())
                        .retryAt())
                .isEmpty();
    }

    @Test
    void operationsAreTaggedInLowerCaseAndKnowWhichMayCreateAPaidJob() {
        assertThat(ApiOperation.JOB_LOOKUP.tag()).isEqualTo("job_lookup");
        assertThat(ApiOperation.values())
                .filteredOn(ApiOperation::isSubmit)
                .containsExactly(ApiOperation.GENERATE, ApiOperation.EXTEND, ApiOperation.UPSCALE);
    }

    // ---------------------------------------------------------------- waits

    @Test
    void aLookupHasEitherAJobOrAFailure() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WaitLookup(
                        VIDEO_JOB, 1, AT, MS_20, Optional.of(PROCESSING), Optional.of("HTTP 503"), 1, Optional.empty()))
                .withMessage("exactly one of 'job' and 'failure' must be present, were both");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WaitLookup(
                        VIDEO_JOB, 1, AT, MS_20, Optional.empty(), Optional.empty(), 0, Optional.empty()))
                .withMessage("exactly one of 'job' and 'failure' must be present, were neither");
    }

    @Test
    void failuresInARowCountThisOneAndNoMoreThanTheLookupsMade() {
        assertThat(new WaitLookup(
                                VIDEO_JOB, 3, AT, MS_20, Optional.empty(), Optional.of("HTTP 503"), 3, Optional.empty())
                        .consecutiveFailures())
                .isEqualTo(3);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WaitLookup(
                        VIDEO_JOB, 3, AT, MS_20, Optional.empty(), Optional.of("HTTP 503"), 4, Optional.empty()))
                .withMessage("'consecutiveFailures' must be between 1 and 3 for a failed lookup number 3, was 4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WaitLookup(
                        VIDEO_JOB, 3, AT, MS_20, Optional.empty(), Optional.of("HTTP 503"), 0, Optional.empty()))
                .withMessage("'consecutiveFailures' must be between 1 and 3 for a failed lookup number 3, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WaitLookup(
                        VIDEO_JOB, 3, AT, MS_20, Optional.of(PROCESSING), Optional.empty(), 1, Optional.empty()))
                .withMessage("'consecutiveFailures' must be between 0 and 0 for a successful lookup number 3, was 1");
    }

    @Test
    void aWaitCannotEndBeforeItBegins() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WaitStarted(VIDEO_JOB, AT, AT.minusNanos(1), false))
                .withMessageStartingWith("'deadline' must not be before 'at'");
    }

    @Test
    void aStateChangeChangesTheStatus() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JobStateChanged(
                        PROCESSING, Optional.of(JobStatus.PROCESSING), JobStateChanged.Source.LOOKUP, AT))
                .withMessage("'previous' must differ from the job's status, was processing");
    }

    @Test
    void aCompletedWaitCarriesTheCompletedJob() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WaitEnded(
                        VIDEO_JOB, WaitEnded.Outcome.COMPLETED, Optional.of(PROCESSING), AT, MS_20, Optional.empty()))
                .withMessage("'last' must be the completed job when the outcome is COMPLETED, was a job with status"
                        + " processing");
    }

    @Test
    void aJobsDurationRunsFromItsCreationToItsEnd() {
        Job ended = TestJobs.completedVideoJob(VIDEO_JOB).toBuilder()
                .createdAt(AT)
                .endedAt(AT.plusSeconds(200))
                .build();

        WaitEnded wait = new WaitEnded(
                VIDEO_JOB,
                WaitEnded.Outcome.COMPLETED,
                Optional.of(ended),
                AT.plusSeconds(205),
                Duration.ofSeconds(100),
                Optional.empty());

        assertThat(wait.jobDuration()).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void aJobsDurationFallsBackOnTheWaitWhereTheJobSaysNothing() {
        Instant end = AT.plusSeconds(300);

        WaitEnded unseen = new WaitEnded(
                VIDEO_JOB,
                WaitEnded.Outcome.TIMED_OUT,
                Optional.empty(),
                end,
                Duration.ofSeconds(120),
                Optional.of("timed out"));
        WaitEnded running = new WaitEnded(
                VIDEO_JOB,
                WaitEnded.Outcome.TIMED_OUT,
                Optional.of(PROCESSING.toBuilder().createdAt(AT).build()),
                end,
                Duration.ofSeconds(120),
                Optional.of("timed out"));

        assertThat(unseen.jobDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(running.jobDuration()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void aJobsDurationIsNeverNegative() {
        Job fromTheFuture = PROCESSING.toBuilder().createdAt(AT.plusSeconds(60)).build();

        assertThat(new WaitEnded(
                                VIDEO_JOB,
                                WaitEnded.Outcome.CANCELLED,
                                Optional.of(fromTheFuture),
                                AT,
                                MS_20,
                                Optional.empty())
                        .jobDuration())
                .isZero();
    }

    // ---------------------------------------------------------------- callbacks

    @Test
    void aRefusalIsAnsweredWithItsReasonsStatus() {
        assertThat(new CallbackRefused(Reason.TOO_LARGE, "too large", AT).httpStatus())
                .isEqualTo(413);
        assertThat(new CallbackRefused(Reason.BAD_SIGNATURE, "forged", AT).httpStatus())
                .isEqualTo(401);
    }
}
