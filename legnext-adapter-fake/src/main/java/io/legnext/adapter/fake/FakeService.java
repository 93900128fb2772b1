package io.legnext.adapter.fake;

import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.Sleeper;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.url.CallbackUrl;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The service side that every client of one {@link FakeLegnext} shares: its settings, jobs, balance, faults and
 * callbacks, and how it accepts, stores and answers jobs once the caller is authenticated.
 */
final class FakeService {

    final Clock clock;
    final FakeTimings timings;
    final FakeCosts costs;
    final int upscaleVideoCount;
    final ServiceState state;
    final Faults faults;
    final BigDecimal alertThreshold;
    /** The key the service accepts, or null when it accepts any. */
    final byte[] acceptedKey;
    /** The log a persistent service shares with other processes, or null for one in memory alone. */
    private final FakeStore store;
    /** An in-memory service's lock; a persistent one's is the store's. */
    private final Object memoryLock = new Object();
    /** Job records are answered as unknown once this old, in service milliseconds. */
    private final long ttlMillis;

    private final RandomGenerator random;
    private final CallbackDelivery callbacks;
    private final Sleeper sleeper;
    private final FollowUpRules rules;

    FakeService(FakeBuilder b) {
        this.clock = b.scheduler.clock();
        this.timings = b.timings;
        this.costs = b.costs;
        this.upscaleVideoCount = b.upscaleVideoCount;
        this.random = b.random != null ? b.random : new SplittableRandom();
        this.faults = new Faults();
        this.ttlMillis = b.jobTtl.toMillis();
        this.state = new ServiceState(
                new StoreRecord.Header(
                        StoreRecord.FORMAT_VERSION,
                        new SplittableRandom().nextLong(),
                        b.credits,
                        b.points,
                        b.accountId,
                        System.currentTimeMillis(),
                        clock.millis(),
                        FakeServiceStore.speedOf(b.scheduler)),
                new Slots(b.maxConcurrentJobs, b.whenBusy));
        HttpClient client = b.httpClient;
        this.callbacks = new CallbackDelivery(
                b.scheduler,
                b.signingClock != null ? b.signingClock : clock,
                client != null ? () -> client : new LazyHttpClient(),
                b.webhookSecret,
                b.logger != null ? b.logger : System.getLogger(FakeLegnext.class.getName()),
                this::claim);
        this.sleeper = b.sleeper;
        this.alertThreshold = b.alertThreshold;
        this.acceptedKey = Attempts.bytes(b.apiKey);
        this.rules = new FollowUpRules(id -> live(id, clock.millis()), clock);
        this.store = b.storeDirectory == null ? null : new FakeStore(b.storeDirectory, state);
        if (store != null) {
            try {
                // Replays the log now, and takes on the callbacks earlier processes left undelivered.
                atomically("Opening the fake service's store", false, () -> null);
            } catch (io.legnext.core.error.ServiceUnavailableException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Accepts a video-diffusion job, or refuses it as the service would. */
    Job generate(String attempted, VideoDiffusion request) {
        faults.meetSubmit(attempted, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION));
        return answer(attempted, atomically(attempted, true, () -> {
            if (request instanceof AnimateImage animate) {
                rules.requireAnimatable(attempted, animate);
            }
            return submit(
                    attempted,
                    TaskType.Kind.VIDEO_DIFFUSION,
                    request.quality(),
                    FakeLegnext.VIDEOS_PER_JOB,
                    0,
                    request.callback().orElse(null));
        }));
    }

    /** Accepts an extend-video job, or refuses it as the service would. */
    Job extend(String attempted, ExtendVideo request) {
        faults.meetSubmit(attempted, TaskType.of(TaskType.Kind.EXTEND_VIDEO));
        return answer(attempted, atomically(attempted, true, () -> {
            FakeJob source = rules.requireExtendable(attempted, request);
            return submit(
                    attempted,
                    TaskType.Kind.EXTEND_VIDEO,
                    VideoQuality.DEFAULT,
                    FakeLegnext.VIDEOS_PER_JOB,
                    source.extensions() + 1,
                    request.callback().orElse(null));
        }));
    }

    /** Accepts a video-upscale job, or refuses it as the service would. */
    Job upscale(String attempted, UpscaleVideo request) {
        faults.meetSubmit(attempted, TaskType.of(TaskType.Kind.VIDEO_UPSCALE));
        return answer(attempted, atomically(attempted, true, () -> {
            FakeJob source = rules.requireUpscalable(attempted, request);
            return submit(
                    attempted,
                    TaskType.Kind.VIDEO_UPSCALE,
                    VideoQuality.DEFAULT,
                    upscaleVideoCount,
                    source.extensions(),
                    request.callback().orElse(null));
        }));
    }

    /** Answers a job as it is now, after any scripted lookup fault; an expired job is answered as unknown. */
    Job lookup(String attempted, JobId id) {
        Faults.LookupFault fault = faults.lookups.poll();
        if (fault instanceof Faults.Slow slow) {
            sleep(attempted, slow.delay());
        } else if (fault instanceof Faults.LookupUnavailable) {
            throw Rejections.unavailable(attempted, false);
        }
        return atomically(attempted, false, () -> {
            long now = clock.millis();
            FakeJob job = live(id.value(), now);
            if (job == null) {
                throw Rejections.notFound(attempted);
            }
            return job.at(now);
        });
    }

    /** The account's balance now. */
    AccountBalance balance() {
        return atomically("Reading the account balance", false, () -> {
            Ledger.Balance b = state.ledger().balance(clock.millis());
            // Exact, and without overflow however large the two are.
            BigDecimal usd = BigDecimal.valueOf(b.credits())
                    .add(BigDecimal.valueOf(b.points()))
                    .movePointLeft(3)
                    .setScale(3);
            return new AccountBalance(
                    state.accountId(),
                    usd,
                    b.credits(),
                    b.points(),
                    alertThreshold,
                    usd.compareTo(alertThreshold) < 0,
                    Optional.of(b.updatedAt()));
        });
    }

    /** Sets the points (or credits) available now. */
    void setBalance(boolean credits, long value) {
        atomically("Setting the account balance", false, () -> {
            commit(new StoreRecord.BalanceSet(credits, value, clock.millis()));
            return null;
        });
    }

    /** How many jobs the service holds, seeded and expired ones included. */
    int jobCount() {
        return atomically("Counting the jobs", false, state.jobs::size);
    }

    /**
     * Waits, at most {@code bound}, for the callbacks this process took on that are due now: what a short-lived
     * process does before it ends.
     */
    boolean awaitCallbacks(Duration bound) throws InterruptedException {
        return callbacks.awaitDue(clock.millis(), bound);
    }

    /** Stores a job that was accepted one drawn lifetime ago, so that it completes exactly now. */
    JobId seedCompleted(TaskType.Kind kind, int results) {
        return atomically("Seeding a job", false, () -> {
            long now = clock.millis();
            int staged = timings.pending().drawMillis(random);
            int processing = staged + timings.staged().drawMillis(random);
            int ended = processing + timings.run(kind, VideoQuality.P480).drawMillis(random);
            FakeJob job =
                    newJob(kind, now - ended, staged, processing, ended, costs.of(kind), false, results, 0, null, null);
            commit(new StoreRecord.Accepted(job, false));
            return new JobId(job.id());
        });
    }

    /** Stores an image job that was accepted just now and completes after its drawn lifetime. */
    JobId seedRunningImage() {
        return atomically("Seeding a job", false, () -> {
            long now = clock.millis();
            int staged = timings.pending().drawMillis(random);
            int processing = staged + timings.staged().drawMillis(random);
            int ended = processing
                    + timings.run(TaskType.Kind.DIFFUSION, VideoQuality.DEFAULT).drawMillis(random);
            FakeJob job = newJob(
                    TaskType.Kind.DIFFUSION,
                    now,
                    staged,
                    processing,
                    ended,
                    costs.of(TaskType.Kind.DIFFUSION),
                    false,
                    FakeLegnext.IMAGES_PER_JOB,
                    0,
                    null,
                    null);
            commit(new StoreRecord.Accepted(job, false));
            return new JobId(job.id());
        });
    }

    /** Accepts a job; call holding the service's lock, once the request passed the rules. */
    private FakeJob submit(
            String attempted,
            TaskType.Kind kind,
            VideoQuality quality,
            int results,
            int extensions,
            CallbackUrl callback) {
        long now = clock.millis();
        int cost = costs.of(kind);
        Ledger.Payment payment = state.ledger().payable(cost, now);
        if (payment == null) {
            Ledger.Balance b = state.ledger().balance(now);
            throw Rejections.insufficientCredits(
                    attempted,
                    "this job needs " + cost + " points; the account has " + b.points() + " points and " + b.credits()
                            + " credits available");
        }
        int staged = timings.pending().drawMillis(random);
        int processing = staged + timings.staged().drawMillis(random);
        int ended = processing + timings.run(kind, quality).drawMillis(random);
        // Beyond the account's concurrent jobs it stays pending until a slot frees (or is refused).
        int delay = (int) state.slots.delay(attempted, now, processing, ended);
        JobFailure failure = faults.jobFailures.poll();
        FakeJob job = newJob(
                kind,
                now,
                staged + delay,
                processing + delay,
                ended + delay,
                cost,
                payment == Ledger.Payment.CREDITS,
                results,
                extensions,
                callback,
                failure);
        commit(new StoreRecord.Accepted(job, true));
        return job;
    }

    /** The accepted job as answered, or the lost answer a scripted fault asks for. */
    private Job answer(String attempted, FakeJob job) {
        if (faults.lostResponses.poll() != null) {
            throw Rejections.unavailable(attempted, true);
        }
        return job.at(job.createdMillis());
    }

    /** The job of {@code id} unless unknown or expired at {@code now}. */
    private FakeJob live(UUID id, long now) {
        FakeJob job = state.jobs.get(id);
        return job == null || now - job.createdMillis() >= ttlMillis ? null : job;
    }

    /** A new record under a fresh random UUID (version 4); call holding the service's lock. */
    private FakeJob newJob(
            TaskType.Kind kind,
            long created,
            int staged,
            int processing,
            int ended,
            int cost,
            boolean credits,
            int results,
            int extensions,
            CallbackUrl callback,
            JobFailure failure) {
        int seed = random.nextInt(1, Integer.MAX_VALUE);
        while (true) {
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            UUID id = new UUID(msb, lsb);
            if (!state.jobs.containsKey(id)) {
                return new FakeJob(
                        id,
                        kind,
                        created,
                        staged,
                        processing,
                        ended,
                        seed,
                        cost,
                        credits,
                        (byte) results,
                        (byte) extensions,
                        callback,
                        failure);
            }
        }
    }

    /** Records a change: appended to the log (then applied) when persistent, applied when in memory. */
    private void commit(StoreRecord record) {
        if (store != null) {
            store.append(record);
        } else {
            state.apply(record);
        }
    }

    /**
     * Runs {@code operation} holding the service's lock (with the log replayed, when persistent), then schedules the
     * callbacks of jobs it has seen since the last time.
     */
    private <T> T atomically(String attempted, boolean submit, Supplier<T> operation) {
        try {
            if (store == null) {
                synchronized (memoryLock) {
                    return operation.get();
                }
            }
            return store.locked(operation);
        } catch (FakeStoreException e) {
            throw Rejections.storeUnavailable(attempted, e, submit);
        } finally {
            scheduleNewCallbacks();
        }
    }

    private void scheduleNewCallbacks() {
        long now = -1;
        for (UUID id = state.pollNewCallback(); id != null; id = state.pollNewCallback()) {
            FakeJob job = state.jobs.get(id);
            if (job != null && state.isUnclaimed(id)) {
                now = now < 0 ? clock.millis() : now;
                callbacks.scheduleFor(job, now);
            }
        }
    }

    /** Takes on delivering {@code job}'s callback, unless another process has (or it is gone, by a reset). */
    private boolean claim(FakeJob job) {
        return atomically("Claiming a callback", false, () -> {
            if (!state.isUnclaimed(job.id()) || !job.equals(state.jobs.get(job.id()))) {
                return false;
            }
            commit(new StoreRecord.Claimed(job.id()));
            return true;
        });
    }

    private void sleep(String attempted, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(
                    attempted + " was interrupted while waiting for the service." + " Lookups are safe to retry.",
                    null,
                    null,
                    false,
                    e);
        }
    }
}
