package io.legnext.app;

import static io.legnext.core.callback.CallbackRejectedException.Reason.BAD_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.event.CallbackAccepted;
import io.legnext.core.event.CallbackRefused;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.WaitStarted;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.secret.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** What the facade logs by default: a retried lookup and a refused callback at WARN, the rest at DEBUG, redacted. */
class LoggingListenerTest {

    private static final String KEY = "lk_secret_key_0123456789";
    private static final JobId ID = JobId.parse("8201cd3e-1234-4d5e-9f00-0123456789ab");
    private static final Instant AT = Instant.parse("2025-10-21T10:51:46Z");
    private static final Job PROCESSING = Job.builder(
                    ID, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), JobStatus.PROCESSING)
            .build();

    private final RecordingLogger waits = new RecordingLogger(LoggingListener.WAITS, Level.DEBUG);
    private final RecordingLogger callbacks = new RecordingLogger(LoggingListener.CALLBACKS, Level.DEBUG);
    private final LoggingListener logging = new LoggingListener(Redactor.of(KEY), waits, callbacks);

    private static WaitLookup failedLookup(Optional<Instant> next) {
        return new WaitLookup(
                ID,
                2,
                AT,
                Duration.ZERO,
                Optional.empty(),
                Optional.of("Looking up job " + ID + " failed at the service: HTTP 503 for key " + KEY),
                2,
                next);
    }

    @Test
    void aFailedLookupThatTheWaitRetriesIsAWarningSayingWhatFailedAndWhenItLooksAgain() {
        logging.onWaitLookup(failedLookup(Optional.of(AT.plusSeconds(4))));

        assertThat(waits.lines())
                .containsExactly(new RecordingLogger.Line(
                        Level.WARN,
                        "legnext lookup 2 of job " + ID
                                + " failed (2 failures in a row); the wait looks again at 2025-10-21T10:51:50Z: Looking up job "
                                + ID
                                + " failed at the service: HTTP 503 for key [redacted]"));
    }

    @Test
    void aFailedLookupThatEndsTheWaitIsOnlyDebugForTheFutureCarriesIt() {
        logging.onWaitLookup(failedLookup(Optional.empty()));

        assertThat(waits.lines()).singleElement().satisfies(l -> {
            assertThat(l.level()).isEqualTo(Level.DEBUG);
            assertThat(l.text()).contains("failed; the wait ends").doesNotContain(KEY);
        });
    }

    @Test
    void aWaitsLookupsStateChangesStartAndEndAreDebug() {
        logging.onWaitStarted(new WaitStarted(ID, AT, AT.plusSeconds(1200), true));
        logging.onWaitLookup(new WaitLookup(
                ID,
                1,
                AT,
                Duration.ZERO,
                Optional.of(PROCESSING),
                Optional.empty(),
                0,
                Optional.of(AT.plusSeconds(160))));
        logging.onJobStateChanged(
                new JobStateChanged(PROCESSING, Optional.of(JobStatus.PENDING), JobStateChanged.Source.LOOKUP, AT));
        logging.onWaitEnded(new WaitEnded(
                ID,
                WaitEnded.Outcome.TIMED_OUT,
                Optional.of(PROCESSING),
                AT.plusSeconds(1200),
                Duration.ofSeconds(1200),
                Optional.of("timed out")));

        assertThat(waits.lines()).extracting(RecordingLogger.Line::level).containsOnly(Level.DEBUG);
        assertThat(waits.lines())
                .extracting(RecordingLogger.Line::text)
                .containsExactly(
                        "legnext waits for job " + ID + " until 2025-10-21T11:11:46Z, expecting a callback",
                        "legnext lookup 1 of job " + ID + ": processing; next lookup at 2025-10-21T10:54:26Z",
                        "legnext job " + ID + " is processing (was pending), learnt from lookup",
                        "legnext wait for job " + ID + " ended timed out after 1200 s: timed out");
    }

    @Test
    void withDebugOffAWaitLogsOnlyTheRetriedFailures() {
        RecordingLogger quiet = new RecordingLogger(LoggingListener.WAITS, Level.INFO);
        LoggingListener atInfo = new LoggingListener(Redactor.of(KEY), quiet, callbacks);

        atInfo.onWaitLookup(new WaitLookup(
                ID,
                1,
                AT,
                Duration.ZERO,
                Optional.of(PROCESSING),
                Optional.empty(),
                0,
                Optional.of(AT.plusSeconds(160))));
        atInfo.onWaitLookup(failedLookup(Optional.of(AT.plusSeconds(4))));

        assertThat(quiet.lines()).extracting(RecordingLogger.Line::level).containsExactly(Level.WARN);
    }

    @Test
    void aRefusedCallbackIsAWarningWithItsStatusReasonAndMessage() {
        logging.onCallbackRefused(new CallbackRefused(
                BAD_SIGNATURE, "The callback's X-Legnext-Signature does not" + " match its body", AT));

        assertThat(callbacks.lines())
                .containsExactly(
                        new RecordingLogger.Line(
                                Level.WARN,
                                "legnext refused a"
                                        + " callback (401, bad signature): The callback's X-Legnext-Signature does not match its body"));
    }

    @Test
    void anAcceptedCallbackIsDebugAndSaysWhenItWasADuplicate() {
        logging.onCallbackAccepted(new CallbackAccepted(PROCESSING, true, AT));

        assertThat(callbacks.lines())
                .containsExactly(new RecordingLogger.Line(
                        Level.DEBUG,
                        "legnext accepted a" + " callback for job " + ID + " (processing), a duplicate: dropped"));
    }
}
