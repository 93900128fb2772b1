package io.legnext.core.service;

import io.legnext.core.error.RateLimitedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.event.JobStateChanged;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.event.WaitEnded;
import io.legnext.core.event.WaitLookup;
import io.legnext.core.event.WaitStarted;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.in.WaitForJobUseCase;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import io.legnext.core.wait.WaitTimedOutException;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
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
 *
 * <p>Each wait's state machine is a {@code Wait}; what the waits tell their listeners goes through a
 * {@code WaitReporter}. The waiter itself keeps the open waits by job.
 */
public final class JobWaiter implements WaitForJobUseCase {

    /** The status a timed-out wait reports when no lookup ever succeeded. */
    static final String NEVER_SEEN_STATUS = "unknown (no lookup succeeded)";

    private final Wait.Shared shared;
    private final WaitReporter reporter;
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
    public JobWaiter(
            JobQueryPort query,
            Scheduler scheduler,
            PollingPolicy policy,
            DoubleSupplier random,
            LegnextListener listener) {
        Objects.requireNonNull(query, "query");
        Clock clock = Objects.requireNonNull(scheduler, "scheduler").clock();
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(random, "random");
        this.reporter = new WaitReporter(LegnextListener.combine(Objects.requireNonNull(listener, "listener")));
        this.shared = new Wait.Shared(query, scheduler, clock, policy, random, reporter, this::forget);
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
        Wait wait = new Wait(id, Objects.requireNonNull(options, "options"), shared);
        // Told before anything can end the wait, so that its end always follows its start.
        reporter.started(id, wait.start, wait.deadline, options.callbackExpected());
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
}
