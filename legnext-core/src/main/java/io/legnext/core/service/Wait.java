package io.legnext.core.service;

import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.error.UnexpectedResponseException;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.JobProgress;
import io.legnext.core.wait.LookupFailure;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import io.legnext.core.wait.WaitTimedOutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * One wait on one job, the state machine behind {@link JobWaiter}. Mutable fields are guarded by {@code this};
 * listeners and completions run outside it.
 */
final class Wait {

    final JobId id;
    final WaitOptions options;
    final Instant start;
    final Instant deadline;
    final CompletableFuture<Job> future = new CompletableFuture<>();

    private final Shared shared;
    private Job last;
    /** When the latest lookup ended; a wait times out only once a lookup has ended at or after the deadline. */
    private Instant lookedAt;

    private Scheduler.Cancellable pending;
    private Instant nextPollAt;
    private int failures;
    private int lookups;
    private RuntimeException lastError;
    /** Set once the wait's outcome is decided; read without the lock by {@link #poll()}. */
    private volatile boolean closed;

    /**
     * What all the waits of one waiter share.
     *
     * @param clock the scheduler's clock
     * @param forget called once a wait has ended, to drop it from the waiter's open waits
     */
    record Shared(
            JobQueryPort query,
            Scheduler scheduler,
            Clock clock,
            PollingPolicy policy,
            DoubleSupplier random,
            WaitReporter reporter,
            Consumer<Wait> forget) {}

    /** One lookup as it happened: which of the wait's lookups, when it ended, how long it took. */
    record Lookup(int number, Instant at, Duration duration) {}

    /** What to do once the lock is released: complete the future, or nothing. */
    @FunctionalInterface
    private interface Outcome extends Runnable {
        Outcome NONE = () -> {};
    }

    /** A wait beginning now; nothing is scheduled until {@link #start()} or {@link #observe}. */
    Wait(JobId id, WaitOptions options, Shared shared) {
        this.id = id;
        this.options = options;
        this.shared = shared;
        this.start = shared.clock().instant();
        this.deadline = start.plus(options.timeout());
    }

    /** The first lookup, now, on the scheduler. */
    void start() {
        Outcome outcome;
        synchronized (this) {
            outcome = schedule(shared.clock().instant(), Duration.ZERO);
        }
        outcome.run();
    }

    /** Runs on the scheduler: one lookup. */
    void poll() {
        if (closed) {
            return;
        }
        Instant began = shared.clock().instant();
        Job job = null;
        RuntimeException error = null;
        try {
            job = shared.query().getJob(id);
        } catch (RuntimeException e) {
            error = e;
        }
        Lookup lookup;
        synchronized (this) {
            lookedAt = shared.clock().instant();
            Duration took = Duration.between(began, lookedAt);
            lookup = new Lookup(++lookups, lookedAt, took.isNegative() ? Duration.ZERO : took);
        }
        if (error != null) {
            failed(error, lookup);
        } else {
            observe(job, JobStateChanged.Source.LOOKUP, lookup);
        }
    }

    /**
     * One observation of the job. A terminal job completes the wait; otherwise the next lookup is planned by the
     * policy, except after a callback (its intermediate state keeps the plan as it is).
     *
     * @param lookup the lookup that saw the job; null when it was given or came by callback
     */
    void observe(Job job, JobStateChanged.Source source, Lookup lookup) {
        boolean reschedule = source != JobStateChanged.Source.CALLBACK;
        PollingPolicy policy = shared.policy();
        Outcome outcome;
        JobProgress progress;
        Optional<JobStatus> previous;
        Instant now;
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean changed = last == null || !last.status().equals(job.status());
            previous = last == null ? Optional.empty() : Optional.of(last.status());
            last = job;
            now = shared.clock().instant();
            if (job.isTerminal()) {
                closed = true;
                cancelPending();
                nextPollAt = null;
                outcome = job.isCompleted()
                        ? () -> future.complete(job)
                        : () -> future.completeExceptionally(new JobFailedException(job));
            } else if (reschedule) {
                failures = 0;
                lastError = null;
                Duration delay = policy.nextDelay(
                        job.taskType().kind(),
                        policyElapsed(now),
                        job.status(),
                        shared.random().getAsDouble(),
                        options);
                outcome = schedule(now, delay);
            } else {
                outcome = Outcome.NONE;
            }
            progress = new JobProgress(
                    job,
                    Duration.between(start, now),
                    Optional.ofNullable(nextPollAt),
                    job.isTerminal()
                            ? Optional.empty()
                            : policy.expectedRemaining(job.taskType().kind(), policyElapsed(now)),
                    changed);
        }
        shared.reporter().observed(id, options, progress, lookup, previous, source, now);
        outcome.run();
    }

    /** A failed lookup: retried on the policy's schedule when it may work again, otherwise the end of the wait. */
    void failed(RuntimeException error, Lookup lookup) {
        Outcome outcome;
        LookupFailure failure;
        synchronized (this) {
            if (closed) {
                return;
            }
            failures++;
            Instant now = shared.clock().instant();
            if (retryable(error)) {
                lastError = error;
                Optional<Duration> hint = error instanceof RateLimitedException r ? r.retryAfter() : Optional.empty();
                outcome = schedule(
                        now,
                        shared.policy()
                                .retryDelay(failures, hint, shared.random().getAsDouble(), options));
            } else {
                closed = true;
                nextPollAt = null;
                outcome = () -> future.completeExceptionally(error);
            }
            failure = new LookupFailure(
                    id,
                    WaitReporter.words(error),
                    Duration.between(start, now),
                    failures,
                    Optional.ofNullable(nextPollAt));
        }
        shared.reporter().lookupFailed(id, options, failure, lookup);
        outcome.run();
    }

    /** Called once the future is done, whatever completed or cancelled it; tells the listener how it ended. */
    void close(Job result, Throwable error) {
        Optional<Job> seen;
        Instant now;
        synchronized (this) {
            closed = true;
            nextPollAt = null;
            cancelPending();
            seen = Optional.ofNullable(result != null ? result : last);
            now = shared.clock().instant();
        }
        shared.forget().accept(this);
        shared.reporter().ended(id, error, seen, now, Duration.between(start, now));
    }

    /**
     * Plans the next lookup, at the deadline at the latest; past the deadline, times out, but only once a lookup has
     * ended at or after it. Holds the lock.
     */
    private Outcome schedule(Instant now, Duration delay) {
        if (!now.isBefore(deadline) && (lookedAt == null || lookedAt.isBefore(deadline))) {
            // The deadline passed while nothing was looking (a busy machine, a laptop asleep, a clock running
            // thousands of times faster than real time): look once more now instead of reporting a state
            // seen long before the deadline.
            return plan(now, Duration.ZERO);
        }
        if (!now.isBefore(deadline)) {
            closed = true;
            nextPollAt = null;
            Job lastKnown = last != null
                    ? last
                    : Job.builder(id, TaskType.of(""), JobStatus.of(JobWaiter.NEVER_SEEN_STATUS))
                            .build();
            RuntimeException error = lastError;
            Duration waited = Duration.between(start, now);
            return () -> {
                WaitTimedOutException timedOut = new WaitTimedOutException(lastKnown, waited);
                if (error != null) {
                    timedOut.addSuppressed(error);
                }
                future.completeExceptionally(timedOut);
            };
        }
        Duration untilDeadline = Duration.between(now, deadline);
        return plan(now, delay.compareTo(untilDeadline) > 0 ? untilDeadline : delay);
    }

    /** Schedules the next lookup {@code d} from {@code now}. Holds the lock. */
    private Outcome plan(Instant now, Duration d) {
        nextPollAt = now.plus(d);
        try {
            pending = shared.scheduler().schedule(d, this::poll);
        } catch (RuntimeException e) {
            // E.g. the scheduler was shut down: the wait cannot go on.
            closed = true;
            nextPollAt = null;
            return () -> future.completeExceptionally(new IllegalStateException(
                    "Could not schedule the next"
                            + " lookup of job " + id + ": " + e + ". The scheduler was probably shut down; wait for the"
                            + " job again by id on a running one.",
                    e));
        }
        return Outcome.NONE;
    }

    /** Time since the job was created, or since the wait began when that is longer or creation is unknown. */
    private Duration policyElapsed(Instant now) {
        Duration sinceStart = Duration.between(start, now);
        if (last == null || last.createdAt().isEmpty()) {
            return sinceStart;
        }
        // The longer of the two also guards against a service clock ahead of ours delaying the first look.
        Duration sinceCreated = Duration.between(last.createdAt().get(), now);
        return sinceCreated.compareTo(sinceStart) > 0 ? sinceCreated : sinceStart;
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /**
     * Lookups that may work when repeated: the service was unavailable, rate limited, or answered something
     * unreadable (a proxy's error page on a 200, say); a lookup is safe to repeat.
     */
    private static boolean retryable(RuntimeException e) {
        return e instanceof ServiceUnavailableException
                || e instanceof RateLimitedException
                || e instanceof UnexpectedResponseException;
    }
}
