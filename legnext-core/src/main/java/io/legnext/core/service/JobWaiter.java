package io.legnext.core.service;

import io.legnext.core.job.Job;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.job.JobId;
import io.legnext.core.wait.JobProgress;
import io.legnext.core.job.JobStatus;
import io.legnext.core.wait.LookupFailure;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.TaskType;
import io.legnext.core.error.UnexpectedResponseException;
import io.legnext.core.wait.WaitOptions;
import io.legnext.core.wait.WaitTimedOutException;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.WaitStarted;
import io.legnext.core.port.in.WaitForJobUseCase;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Service behind waiting: polls jobs by the {@link PollingPolicy} on one shared {@link Scheduler} and completes waits
 * at once when a callback {@linkplain #offer(Job) offers} a finished job.
 *
 * <p>A wait is a small object and at most one scheduled task; no thread is created per wait, so ten thousand waits
 * share the scheduler's few threads. Lookups are blocking calls made on the scheduler's thread: keep that scheduler
 * small and the lookups quick. With the HTTP adapter each lookup is bounded by its per-request timeout, which is a
 * setting separate from the wait's deadline; a wait may overrun its deadline by at most one request.
 *
 * <p>How a wait goes: a wait from a job id looks the job up at once (to learn its kind and creation time, and to
 * fail fast on an unknown id); a wait from a job already in hand (e.g. the answer to a submit) starts straight on the
 * policy's schedule. Time is measured from the job's {@code createdAt}, so a wait resumed long after the submit polls
 * soon instead of starting from scratch. A lookup failing with {@link ServiceUnavailableException} or
 * {@link RateLimitedException} is retried ({@link PollingPolicy#retryDelay}, honouring the retry hint); any other
 * exception ends the wait with that exception. When the next lookup would fall after the deadline, one last lookup
 * is made at the deadline (or at once, when the deadline passed while no lookup was under way: a wait never gives
 * up on a state seen before its deadline); if the job is still not terminal the wait ends with
 * {@link WaitTimedOutException}
 * carrying the last job seen. If no lookup ever succeeded, it carries a minimal job (the id, an unknown task type
 * and the status {@code unknown (no lookup succeeded)}) with the last lookup error attached as suppressed.
 *
 * <p>Listeners and the futures' dependent stages run on the thread that observed the job: the scheduler's, or the
 * callback receiver's for {@link #offer(Job)}. Use the {@code *Async} stages for anything slow.
 *
 * <p>A {@link LegnextListener} hears of every wait: {@link WaitStarted}, then each {@link WaitLookup} (failed ones
 * included) and each {@link JobStateChanged} (from the job given, a lookup or a callback), then exactly one
 * {@link WaitEnded}, whatever ended the wait (the job's end, the deadline, an error, a cancel, a shutdown).
 */
public final class JobWaiter implements WaitForJobUseCase {

    /** The status a timed-out wait reports when no lookup ever succeeded. */
    static final String NEVER_SEEN_STATUS = "unknown (no lookup succeeded)";

    private static final System.Logger LOG = System.getLogger(JobWaiter.class.getName());

    private final JobQueryPort query;
    private final Scheduler scheduler;
    private final Clock clock;
    private final PollingPolicy policy;
    private final DoubleSupplier random;
    private final LegnextListener listener;
    private final ConcurrentHashMap<JobId, Set<Wait>> waits = new ConcurrentHashMap<>();

    /**
     * @param query looks jobs up; called on the scheduler's thread
     * @param scheduler runs every wait's lookups; shared, small
     * @param policy decides when to look next
     */
    public JobWaiter(JobQueryPort query, Scheduler scheduler, PollingPolicy policy) {
        this(query, scheduler, policy, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param query looks jobs up; called on the scheduler's thread
     * @param scheduler runs every wait's lookups; shared, small
     * @param policy decides when to look next
     * @param random draws in [0, 1) for the jitter; a seeded one makes runs reproducible (it must be thread-safe
     *     when the scheduler has several threads)
     */
    public JobWaiter(JobQueryPort query, Scheduler scheduler, PollingPolicy policy, DoubleSupplier random) {
        this(query, scheduler, policy, random, LegnextListener.NONE);
    }

    /**
     * @param query looks jobs up; called on the scheduler's thread
     * @param scheduler runs every wait's lookups; shared, small
     * @param policy decides when to look next
     * @param listener hears of every wait's start, lookups, state changes and end
     */
    public JobWaiter(JobQueryPort query, Scheduler scheduler, PollingPolicy policy, LegnextListener listener) {
        this(query, scheduler, policy, () -> ThreadLocalRandom.current().nextDouble(), listener);
    }

    /**
     * @param query looks jobs up; called on the scheduler's thread
     * @param scheduler runs every wait's lookups; shared, small
     * @param policy decides when to look next
     * @param random draws in [0, 1) for the jitter; a seeded one makes runs reproducible (it must be thread-safe
     *     when the scheduler has several threads)
     * @param listener hears of every wait's start, lookups, state changes and end
     */
    public JobWaiter(JobQueryPort query, Scheduler scheduler, PollingPolicy policy, DoubleSupplier random,
            LegnextListener listener) {
        this.query = Objects.requireNonNull(query, "query");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = scheduler.clock();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = LegnextListener.combine(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public CompletableFuture<Job> waitFor(JobId id, WaitOptions options) {
        Wait wait = open(Objects.requireNonNull(id, "id"), options);
        wait.start();
        return wait.future;
    }

    /**
     * Waits for a job already in hand, typically the answer to its submit: no initial lookup, the first one comes
     * when the policy says. Otherwise the same as {@link #waitFor(JobId, WaitOptions)}.
     */
    public CompletableFuture<Job> waitFor(Job known, WaitOptions options) {
        Wait wait = open(Objects.requireNonNull(known, "known").id(), options);
        wait.observe(known, JobStateChanged.Source.GIVEN, null);
        return wait.future;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An interrupt cancels the wait (polling stops) and propagates as {@link InterruptedException}.
     */
    @Override
    public Job await(JobId id, WaitOptions options) throws InterruptedException {
        return await(waitFor(id, options));
    }

    /** Waits on the calling thread for a job already in hand; see {@link #waitFor(Job, WaitOptions)}. */
    public Job await(Job known, WaitOptions options) throws InterruptedException {
        return await(waitFor(known, options));
    }

    /**
     * Hands the waiter a job state learned elsewhere, typically from a verified callback: a terminal job completes
     * every wait on it at once; any other state is reported to the waits' listeners and leaves their schedule as it
     * is. Jobs nobody waits on are ignored.
     */
    public void offer(Job job) {
        Objects.requireNonNull(job, "job");
        Set<Wait> set = waits.get(job.id());
        if (set != null) {
            for (Wait wait : set) {
                wait.observe(job, JobStateChanged.Source.CALLBACK, null);
            }
        }
    }

    /** How many waits are in progress. */
    public int activeWaits() {
        int n = 0;
        for (Set<Wait> set : waits.values()) {
            n += set.size();
        }
        return n;
    }

    private Wait open(JobId id, WaitOptions options) {
        Wait wait = new Wait(id, Objects.requireNonNull(options, "options"), clock.instant());
        // Told before anything can end the wait, so that its end always follows its start.
        listener.onWaitStarted(new WaitStarted(id, wait.start, wait.deadline, options.callbackExpected()));
        // Added inside compute, so a concurrent forget() of the last wait cannot drop the set this one joins.
        waits.compute(id, (k, set) -> {
            Set<Wait> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(wait);
            return s;
        });
        // Runs on whichever thread completes or cancels the future: stops polling at once and forgets the wait.
        wait.future.whenComplete(wait::close);
        return wait;
    }

    private void forget(Wait wait) {
        waits.computeIfPresent(wait.id, (k, set) -> {
            set.remove(wait);
            return set.isEmpty() ? null : set;
        });
    }

    private static Job await(CompletableFuture<Job> future) throws InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Waiting failed unexpectedly: " + cause, cause);
        }
    }

    /**
     * Ends every open wait at once, exceptionally, saying the job still runs remotely; for hosts shutting down the
     * scheduler, whose queued lookups would otherwise never run and leave their futures hanging.
     *
     * @return how many waits were ended
     */
    public int shutdown() {
        int ended = 0;
        for (Set<Wait> set : waits.values()) {
            for (Wait wait : set) {
                if (wait.future.completeExceptionally(new IllegalStateException("Stopped waiting for job " + wait.id
                        + ": the waiter was shut down. The job still runs remotely; wait for it again by id."))) {
                    ended++;
                }
            }
        }
        return ended;
    }

    /**
     * Lookups that may work when repeated: the service was unavailable, rate limited, or answered something
     * unreadable (a proxy's error page on a 200, say); a lookup is safe to repeat.
     */
    private static boolean retryable(RuntimeException e) {
        return e instanceof ServiceUnavailableException || e instanceof RateLimitedException
                || e instanceof UnexpectedResponseException;
    }

    /** How a wait ended, from what its future completed with. */
    private static WaitEnded.Outcome outcomeOf(Job result, Throwable error) {
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

    /** What went wrong, in words: an exception's message, which legnext's exceptions always have. */
    private static String words(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? "an unexpected failure that gave no message" : message;
    }

    /** One lookup as it happened: which of the wait's lookups, when it ended, how long it took. */
    private record Lookup(int number, Instant at, Duration duration) {
    }

    /** One wait on one job. Mutable fields are guarded by {@code this}; listeners and completions run outside it. */
    private final class Wait {
        final JobId id;
        final WaitOptions options;
        final Instant start;
        final Instant deadline;
        final CompletableFuture<Job> future = new CompletableFuture<>();

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

        Wait(JobId id, WaitOptions options, Instant start) {
            this.id = id;
            this.options = options;
            this.start = start;
            this.deadline = start.plus(options.timeout());
        }

        /** The first lookup, now, on the scheduler. */
        void start() {
            Outcome outcome;
            synchronized (this) {
                outcome = schedule(clock.instant(), Duration.ZERO);
            }
            outcome.run();
        }

        /** Runs on the scheduler: one lookup. */
        void poll() {
            if (closed) {
                return;
            }
            Instant began = clock.instant();
            Job job = null;
            RuntimeException error = null;
            try {
                job = query.getJob(id);
            } catch (RuntimeException e) {
                error = e;
            }
            Lookup lookup;
            synchronized (this) {
                lookedAt = clock.instant();
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
            Outcome outcome;
            JobProgress progress;
            Optional<JobStatus> previous;
            boolean changed;
            Instant now;
            synchronized (this) {
                if (closed) {
                    return;
                }
                changed = last == null || !last.status().equals(job.status());
                previous = last == null ? Optional.empty() : Optional.of(last.status());
                last = job;
                now = clock.instant();
                if (job.isTerminal()) {
                    closed = true;
                    cancelPending();
                    nextPollAt = null;
                    outcome = job.isCompleted() ? () -> future.complete(job)
                            : () -> future.completeExceptionally(new JobFailedException(job));
                } else if (reschedule) {
                    failures = 0;
                    lastError = null;
                    Duration delay = policy.nextDelay(job.taskType().kind(), policyElapsed(now), job.status(),
                            random.getAsDouble(), options);
                    outcome = schedule(now, delay);
                } else {
                    outcome = Outcome.NONE;
                }
                progress = new JobProgress(job, Duration.between(start, now), Optional.ofNullable(nextPollAt),
                        job.isTerminal() ? Optional.empty()
                                : policy.expectedRemaining(job.taskType().kind(), policyElapsed(now)),
                        changed);
            }
            report(progress);
            if (lookup != null) {
                listener.onWaitLookup(new WaitLookup(id, lookup.number(), lookup.at(), lookup.duration(),
                        Optional.of(job), Optional.empty(), 0, progress.nextPollAt()));
            }
            if (changed) {
                listener.onJobStateChanged(new JobStateChanged(job, previous, source, now));
            }
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
                Instant now = clock.instant();
                if (retryable(error)) {
                    lastError = error;
                    Optional<Duration> hint = error instanceof RateLimitedException r ? r.retryAfter()
                            : Optional.empty();
                    outcome = schedule(now, policy.retryDelay(failures, hint, random.getAsDouble(), options));
                } else {
                    closed = true;
                    nextPollAt = null;
                    outcome = () -> future.completeExceptionally(error);
                }
                failure = new LookupFailure(id, words(error), Duration.between(start, now), failures,
                        Optional.ofNullable(nextPollAt));
            }
            reportFailure(failure);
            listener.onWaitLookup(new WaitLookup(id, lookup.number(), lookup.at(), lookup.duration(),
                    Optional.empty(), Optional.of(failure.failure()), failure.consecutiveFailures(),
                    failure.nextPollAt()));
            outcome.run();
        }

        /**
         * Plans the next lookup, at the deadline at the latest; past the deadline, times out, but only once a lookup
         * has ended at or after it. Holds the lock.
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
                Job lastKnown = last != null ? last
                        : Job.builder(id, TaskType.of(""), JobStatus.of(NEVER_SEEN_STATUS)).build();
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
                pending = scheduler.schedule(d, this::poll);
            } catch (RuntimeException e) {
                // E.g. the scheduler was shut down: the wait cannot go on.
                closed = true;
                nextPollAt = null;
                return () -> future.completeExceptionally(new IllegalStateException("Could not schedule the next"
                        + " lookup of job " + id + ": " + e + ". The scheduler was probably shut down; wait for the"
                        + " job again by id on a running one.", e));
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

        /** Called once the future is done, whatever completed or cancelled it; tells the listener how it ended. */
        void close(Job result, Throwable error) {
            Optional<Job> seen;
            Instant now;
            synchronized (this) {
                closed = true;
                nextPollAt = null;
                cancelPending();
                seen = Optional.ofNullable(result != null ? result : last);
                now = clock.instant();
            }
            forget(this);
            WaitEnded.Outcome outcome = outcomeOf(result, error);
            Optional<String> why = outcome == WaitEnded.Outcome.COMPLETED || outcome == WaitEnded.Outcome.CANCELLED
                    ? Optional.empty() : Optional.of(words(error));
            Duration waited = Duration.between(start, now);
            listener.onWaitEnded(new WaitEnded(id, outcome, seen, now, waited.isNegative() ? Duration.ZERO : waited,
                    why));
        }

        private void report(JobProgress progress) {
            try {
                options.listener().onProgress(progress);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }

        private void reportFailure(LookupFailure failure) {
            try {
                options.listener().onLookupFailed(failure);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }

        private void listenerFailed(RuntimeException e) {
            // A listener's bug must not end the wait, nor go unnoticed.
            String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            LOG.log(System.Logger.Level.WARNING, "A progress listener failed on job " + id + why + "; waiting goes"
                    + " on. Fix the listener.", e);
        }
    }

    /** What to do once the lock is released: complete the future, or nothing. */
    @FunctionalInterface
    private interface Outcome extends Runnable {
        Outcome NONE = () -> { };
    }
}
