package io.legnext.adapter.fake;

import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.port.out.Sleeper;
import io.legnext.core.url.CallbackUrl;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    final ConcurrentHashMap<UUID, FakeJob> jobs;
    final Ledger ledger;
    final Faults faults;
    final String accountId;
    final BigDecimal alertThreshold;
    /** The key the service accepts, or null when it accepts any. */
    final byte[] acceptedKey;
    private final RandomGenerator random;
    private final Object randomLock;
    private final CallbackDelivery callbacks;
    private final Sleeper sleeper;
    private final FollowUpRules rules;

    FakeService(FakeBuilder b) {
        this.clock = b.scheduler.clock();
        this.timings = b.timings;
        this.costs = b.costs;
        this.upscaleVideoCount = b.upscaleVideoCount;
        this.random = b.random != null ? b.random : new SplittableRandom();
        this.randomLock = new Object();
        this.jobs = new ConcurrentHashMap<>();
        this.ledger = new Ledger(b.credits, b.points, clock.millis());
        this.faults = new Faults();
        HttpClient client = b.httpClient;
        this.callbacks = new CallbackDelivery(b.scheduler, b.signingClock != null ? b.signingClock : clock,
                client != null ? () -> client : new LazyHttpClient(),
                b.webhookSecret, b.logger != null ? b.logger : System.getLogger(FakeLegnext.class.getName()));
        this.sleeper = b.sleeper;
        this.accountId = b.accountId;
        this.alertThreshold = b.alertThreshold;
        this.acceptedKey = bytes(b.apiKey);
        this.rules = new FollowUpRules(jobs, clock);
    }

    /** Accepts a video-diffusion job, or refuses it as the service would. */
    Job generate(String attempted, VideoDiffusion request) {
        meetSubmitFault(attempted, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION));
        if (request instanceof AnimateImage animate) {
            rules.requireAnimatable(attempted, animate);
        }
        return submit(attempted, TaskType.Kind.VIDEO_DIFFUSION, request.quality(), FakeLegnext.VIDEOS_PER_JOB, 0,
                request.callback().orElse(null));
    }

    /** Accepts an extend-video job, or refuses it as the service would. */
    Job extend(String attempted, ExtendVideo request) {
        meetSubmitFault(attempted, TaskType.of(TaskType.Kind.EXTEND_VIDEO));
        FakeJob source = rules.requireExtendable(attempted, request);
        return submit(attempted, TaskType.Kind.EXTEND_VIDEO, VideoQuality.DEFAULT, FakeLegnext.VIDEOS_PER_JOB,
                source.extensions() + 1, request.callback().orElse(null));
    }

    /** Accepts a video-upscale job, or refuses it as the service would. */
    Job upscale(String attempted, UpscaleVideo request) {
        meetSubmitFault(attempted, TaskType.of(TaskType.Kind.VIDEO_UPSCALE));
        FakeJob source = rules.requireUpscalable(attempted, request);
        return submit(attempted, TaskType.Kind.VIDEO_UPSCALE, VideoQuality.DEFAULT, upscaleVideoCount,
                source.extensions(), request.callback().orElse(null));
    }

    /** Answers a job as it is now, after any scripted lookup fault. */
    Job lookup(String attempted, JobId id) {
        Faults.LookupFault fault = faults.lookups.poll();
        if (fault instanceof Faults.Slow slow) {
            sleep(attempted, slow.delay());
        } else if (fault instanceof Faults.LookupUnavailable) {
            throw Rejections.unavailable(attempted, false);
        }
        FakeJob job = jobs.get(id.value());
        if (job == null) {
            throw Rejections.notFound(attempted);
        }
        return job.at(clock.millis());
    }

    /** The account's balance now. */
    AccountBalance balance() {
        Ledger.Balance b = ledger.balance(clock.millis());
        // Exact, and without overflow however large the two are.
        BigDecimal usd = BigDecimal.valueOf(b.credits()).add(BigDecimal.valueOf(b.points()))
                .movePointLeft(3).setScale(3);
        return new AccountBalance(accountId, usd, b.credits(), b.points(), alertThreshold,
                usd.compareTo(alertThreshold) < 0, Optional.of(b.updatedAt()));
    }

    /** Stores a job that was accepted one drawn lifetime ago, so that it completes exactly now. */
    JobId seedCompleted(TaskType.Kind kind, int results) {
        long now = clock.millis();
        synchronized (randomLock) {
            int staged = timings.pending().drawMillis(random);
            int processing = staged + timings.staged().drawMillis(random);
            int ended = processing + timings.run(kind, VideoQuality.P480).drawMillis(random);
            return new JobId(store(kind, now - ended, staged, processing, ended, costs.of(kind), false, results, 0,
                    null, null).id());
        }
    }

    /** Stores an image job that was accepted just now and completes after its drawn lifetime. */
    JobId seedRunningImage() {
        long now = clock.millis();
        FakeJob job;
        synchronized (randomLock) {
            int staged = timings.pending().drawMillis(random);
            int processing = staged + timings.staged().drawMillis(random);
            int ended = processing + timings.run(TaskType.Kind.DIFFUSION, VideoQuality.DEFAULT).drawMillis(random);
            job = store(TaskType.Kind.DIFFUSION, now, staged, processing, ended, costs.of(TaskType.Kind.DIFFUSION), false,
                    FakeLegnext.IMAGES_PER_JOB, 0, null, null);
        }
        return new JobId(job.id());
    }

    private Job submit(String attempted, TaskType.Kind kind, VideoQuality quality, int results, int extensions,
            CallbackUrl callback) {
        long now = clock.millis();
        int cost = costs.of(kind);
        Ledger.Payment payment = ledger.freeze(cost, now);
        if (payment == null) {
            Ledger.Balance b = ledger.balance(now);
            throw Rejections.insufficientCredits(attempted, "this job needs " + cost + " points; the account has "
                    + b.points() + " points and " + b.credits() + " credits available");
        }
        JobFailure failure = faults.jobFailures.poll();
        FakeJob job;
        synchronized (randomLock) {
            int staged = timings.pending().drawMillis(random);
            int processing = staged + timings.staged().drawMillis(random);
            int ended = processing + timings.run(kind, quality).drawMillis(random);
            job = store(kind, now, staged, processing, ended, cost, payment == Ledger.Payment.CREDITS, results,
                    extensions, callback, failure);
        }
        if (failure != null) {
            ledger.refundAt(job.endedMillis(), cost, payment);
        }
        if (callback != null) {
            callbacks.scheduleFor(job, now);
        }
        if (faults.lostResponses.poll() != null) {
            throw Rejections.unavailable(attempted, true);
        }
        return job.at(now);
    }

    /** Creates the record under a fresh random UUID (version 4) and stores it; call holding {@code randomLock}. */
    private FakeJob store(TaskType.Kind kind, long created, int staged, int processing, int ended, int cost,
            boolean credits, int results, int extensions, CallbackUrl callback, JobFailure failure) {
        int seed = random.nextInt(1, Integer.MAX_VALUE);
        while (true) {
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            UUID id = new UUID(msb, lsb);
            FakeJob job = new FakeJob(id, kind, created, staged, processing, ended, seed, cost, credits,
                    (byte) results, (byte) extensions, callback, failure);
            if (jobs.putIfAbsent(id, job) == null) {
                return job;
            }
        }
    }

    /** Lets the next scripted refusal strike, before anything is checked or created. */
    private void meetSubmitFault(String attempted, TaskType type) {
        Faults.SubmitFault fault = faults.submits.poll();
        if (fault instanceof Faults.RateLimit r) {
            throw Rejections.rateLimited(attempted, r.retryAfter());
        }
        if (fault instanceof Faults.Refusal r) {
            throw Rejections.refused(attempted, type, r.rawMessage());
        }
    }

    private void sleep(String attempted, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(attempted + " was interrupted while waiting for the service."
                    + " Lookups are safe to retry.", null, null, false, e);
        }
    }

    /** What submitting {@code request} is called in the service's messages. */
    static String describe(VideoDiffusion request) {
        if (request instanceof TextToVideo t) {
            return "Submitting a video-diffusion job (" + t.describeMode() + ", " + t.quality() + ")";
        }
        if (request instanceof ImageToVideo i) {
            return "Submitting a video-diffusion job (image URL to video, " + i.quality() + ")";
        }
        AnimateImage a = (AnimateImage) request;
        return "Submitting a video-diffusion job animating image " + a.imageIndex() + " of job " + a.imageJob() + " ("
                + a.quality() + ")";
    }

    static byte[] bytes(String key) {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    /** Creates the default HTTP client on first use, so a fake that never calls back starts no client threads. */
    private static final class LazyHttpClient implements Supplier<HttpClient> {
        private volatile HttpClient client;

        @Override
        public HttpClient get() {
            HttpClient c = client;
            if (c == null) {
                synchronized (this) {
                    c = client;
                    if (c == null) {
                        c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                        client = c;
                    }
                }
            }
            return c;
        }
    }
}
