package io.legnext.core.service;

import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.WaitStarted;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.JobProgress;
import io.legnext.core.wait.LookupFailure;
import io.legnext.core.wait.WaitOptions;
import io.legnext.core.wait.WaitTimedOutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/** Tells a waiter's {@link LegnextListener} and each wait's progress listener what its waits do. */
final class WaitReporter {

    /** Named after the waiter, whose public face the warnings are. */
    private static final System.Logger LOG = System.getLogger(JobWaiter.class.getName());

    private final LegnextListener listener;

    /** @param listener hears of every wait; already combined, so one that throws is isolated */
    WaitReporter(LegnextListener listener) {
        this.listener = listener;
    }

    void started(JobId id, Instant start, Instant deadline, boolean callbackExpected) {
        listener.onWaitStarted(new WaitStarted(id, start, deadline, callbackExpected));
    }

    /**
     * One observation of the job: its progress first, then the lookup that saw it (null when the job was given or
     * came by callback), then the state change when {@link JobProgress#changed()}.
     */
    void observed(
            JobId id,
            WaitOptions options,
            JobProgress progress,
            Wait.Lookup lookup,
            Optional<JobStatus> previous,
            JobStateChanged.Source source,
            Instant now) {
        Job job = progress.job();
        try {
            options.listener().onProgress(progress);
        } catch (RuntimeException e) {
            listenerFailed(id, e);
        }
        if (lookup != null) {
            listener.onWaitLookup(new WaitLookup(
                    id,
                    lookup.number(),
                    lookup.at(),
                    lookup.duration(),
                    Optional.of(job),
                    Optional.empty(),
                    0,
                    progress.nextPollAt()));
        }
        if (progress.changed()) {
            listener.onJobStateChanged(new JobStateChanged(job, previous, source, now));
        }
    }

    /** One failed lookup: the wait's progress listener first, then the lookup event. */
    void lookupFailed(JobId id, WaitOptions options, LookupFailure failure, Wait.Lookup lookup) {
        try {
            options.listener().onLookupFailed(failure);
        } catch (RuntimeException e) {
            listenerFailed(id, e);
        }
        listener.onWaitLookup(new WaitLookup(
                id,
                lookup.number(),
                lookup.at(),
                lookup.duration(),
                Optional.empty(),
                Optional.of(failure.failure()),
                failure.consecutiveFailures(),
                failure.nextPollAt()));
    }

    /** The end of a wait, from what its future completed with. */
    void ended(JobId id, Throwable error, Optional<Job> seen, Instant now, Duration waited) {
        WaitEnded.Outcome outcome = outcomeOf(error);
        Optional<String> why = outcome == WaitEnded.Outcome.COMPLETED || outcome == WaitEnded.Outcome.CANCELLED
                ? Optional.empty()
                : Optional.of(words(error));
        listener.onWaitEnded(new WaitEnded(id, outcome, seen, now, waited.isNegative() ? Duration.ZERO : waited, why));
    }

    /** What went wrong, in words: an exception's message, which legnext's exceptions always have. */
    static String words(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? "an unexpected failure that gave no message" : message;
    }

    /** How a wait ended, from the error its future completed with (null for a result). */
    private static WaitEnded.Outcome outcomeOf(Throwable error) {
        if (error == null) {
            return WaitEnded.Outcome.COMPLETED;
        }
        if (error instanceof CancellationException) {
            return WaitEnded.Outcome.CANCELLED;
        }
        if (error instanceof JobFailedException) {
            return WaitEnded.Outcome.FAILED;
        }
        if (error instanceof WaitTimedOutException) {
            return WaitEnded.Outcome.TIMED_OUT;
        }
        return WaitEnded.Outcome.ERROR;
    }

    private static void listenerFailed(JobId id, RuntimeException e) {
        // A listener's bug must not end the wait, nor go unnoticed.
        String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        LOG.log(
                System.Logger.Level.WARNING,
                "A progress listener failed on job " + id + why + "; waiting goes" + " on. Fix the listener.",
                e);
    }
}
