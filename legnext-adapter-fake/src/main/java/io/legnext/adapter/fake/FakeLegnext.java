package io.legnext.adapter.fake;

import io.legnext.core.job.AccountBalance;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.request.ExtendVideoRequest;
import io.legnext.core.rule.ExtensionPolicy;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideoRequest;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.request.VideoDiffusionRequest;
import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.time.Scheduler;
import io.legnext.core.time.Sleeper;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Driven adapter: an in-memory Legnext that behaves like the real service (lifecycle on the injected scheduler's
 * clock, follow-up rules, balance, errors, signed callbacks) plus scriptable faults, for tests and key-less runs.
 *
 * <p>One instance is one account on one service. {@link #withApiKey(String)} gives another client of the same
 * service presenting another key. All methods are thread-safe. A job's state is computed from its submit time and
 * its drawn durations when it is looked up; the scheduler only runs callback deliveries.
 *
 * <pre>{@code
 * VirtualTime time = new VirtualTime();
 * FakeLegnext legnext = FakeLegnext.builder(time).seed(42).build();
 * Job job = legnext.generate(TextToVideo.of("a lighthouse at dusk"));
 * time.advance(Duration.ofMinutes(10));
 * legnext.getJob(job.id()).isCompleted();   // true, with four video URLs
 * }</pre>
 */
public final class FakeLegnext implements VideoGenerationPort, JobQueryPort, AccountPort {

    /** Points a new fake account starts with: room for 208 video jobs. */
    public static final long DEFAULT_POINTS = 100_000;
    /** The id the fake account reports unless another is configured. */
    public static final String DEFAULT_ACCOUNT_ID = "fake-account";
    /** The balance in dollars under which the fake raises its low-balance alert, unless configured. */
    public static final BigDecimal DEFAULT_ALERT_THRESHOLD = new BigDecimal("5.00");
    /** How many images a seeded image job has unless said. */
    public static final int IMAGES_PER_JOB = 4;
    /** How many videos a video-diffusion or extend-video job yields. */
    public static final int VIDEOS_PER_JOB = 4;

    private final Scheduler scheduler;
    private final Clock clock;
    private final FakeTimings timings;
    private final FakeCosts costs;
    private final int upscaleVideoCount;
    private final RandomGenerator random;
    private final Object randomLock;
    private final ConcurrentHashMap<UUID, FakeJob> jobs;
    private final Ledger ledger;
    private final Faults faults;
    private final CallbackDelivery callbacks;
    private final Sleeper sleeper;
    private final String accountId;
    private final BigDecimal alertThreshold;
    /** The key the service accepts, or null when it accepts any. */
    private final byte[] acceptedKey;
    /** The key this client presents, or null. */
    private final byte[] presentedKey;

    private FakeLegnext(Builder b) {
        this.scheduler = b.scheduler;
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
        this.callbacks = new CallbackDelivery(scheduler, b.signingClock != null ? b.signingClock : clock,
                client != null ? () -> client : new LazyHttpClient(),
                b.webhookSecret, b.logger != null ? b.logger : System.getLogger(FakeLegnext.class.getName()));
        this.sleeper = b.sleeper;
        this.accountId = b.accountId;
        this.alertThreshold = b.alertThreshold;
        this.acceptedKey = bytes(b.apiKey);
        this.presentedKey = acceptedKey;
    }

    private FakeLegnext(FakeLegnext service, String presentedKey) {
        this.scheduler = service.scheduler;
        this.clock = service.clock;
        this.timings = service.timings;
        this.costs = service.costs;
        this.upscaleVideoCount = service.upscaleVideoCount;
        this.random = service.random;
        this.randomLock = service.randomLock;
        this.jobs = service.jobs;
        this.ledger = service.ledger;
        this.faults = service.faults;
        this.callbacks = service.callbacks;
        this.sleeper = service.sleeper;
        this.accountId = service.accountId;
        this.alertThreshold = service.alertThreshold;
        this.acceptedKey = service.acceptedKey;
        this.presentedKey = bytes(presentedKey);
    }

    /** Starts a fake on this scheduler's clock; use {@link io.legnext.core.time.VirtualTime} in tests. */
    public static Builder builder(Scheduler scheduler) {
        return new Builder(scheduler);
    }

    /**
     * Another client of the same service (same jobs, balance and faults) that presents {@code apiKey}; when the
     * service was built with a key and this one differs, every call is rejected with 401.
     */
    public FakeLegnext withApiKey(String apiKey) {
        return new FakeLegnext(this, apiKey);
    }

    // ---------------------------------------------------------------- VideoGenerationPort

    @Override
    public Job generate(VideoDiffusionRequest request) {
        Objects.requireNonNull(request, "request");
        String attempted = describe(request);
        authenticate(attempted);
        meetSubmitFault(attempted, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION));
        if (request instanceof AnimateImage animate) {
            requireAnimatable(attempted, animate);
        }
        return submit(attempted, TaskType.Kind.VIDEO_DIFFUSION, timings.videoDiffusion(request.quality()),
                VIDEOS_PER_JOB, 0, request.callback().orElse(null));
    }

    @Override
    public Job extend(ExtendVideoRequest request) {
        Objects.requireNonNull(request, "request");
        String attempted = "Submitting an extend-video job for video " + request.video() + " of job "
                + request.videoJob();
        authenticate(attempted);
        meetSubmitFault(attempted, TaskType.of(TaskType.Kind.EXTEND_VIDEO));
        FakeJob source = requireVideoSource(attempted, request.videoJob(), "extended");
        if (source.extensions() >= ExtensionPolicy.MAX_EXTENSIONS) {
            throw Rejections.invalid(attempted, "job " + source.id() + " is the last of "
                    + ExtensionPolicy.MAX_EXTENSIONS + " extensions of its video ("
                    + ExtensionPolicy.secondsAfter(source.extensions()) + " s), the most a video lineage allows;"
                    + " upscale it instead");
        }
        requireOffered(attempted, source, AvailableActions.EXTEND, request.video());
        return submit(attempted, TaskType.Kind.EXTEND_VIDEO, timings.extendVideo(), VIDEOS_PER_JOB,
                source.extensions() + 1, request.callback().orElse(null));
    }

    @Override
    public Job upscale(UpscaleVideoRequest request) {
        Objects.requireNonNull(request, "request");
        String attempted = "Submitting a video-upscale job for video " + request.video() + " of job "
                + request.videoJob();
        authenticate(attempted);
        meetSubmitFault(attempted, TaskType.of(TaskType.Kind.VIDEO_UPSCALE));
        FakeJob source = requireVideoSource(attempted, request.videoJob(), "upscaled");
        requireOffered(attempted, source, AvailableActions.UPSCALE, request.video());
        return submit(attempted, TaskType.Kind.VIDEO_UPSCALE, timings.videoUpscale(), upscaleVideoCount,
                source.extensions(), request.callback().orElse(null));
    }

    // ---------------------------------------------------------------- JobQueryPort

    @Override
    public Job getJob(JobId id) {
        Objects.requireNonNull(id, "id");
        String attempted = "Looking up job " + id;
        authenticate(attempted);
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

    // ---------------------------------------------------------------- AccountPort

    @Override
    public AccountBalance getBalance() {
        authenticate("Reading the account balance");
        Ledger.Balance b = ledger.balance(clock.millis());
        // Exact, and without overflow however large the two are.
        BigDecimal usd = BigDecimal.valueOf(b.credits()).add(BigDecimal.valueOf(b.points()))
                .movePointLeft(3).setScale(3);
        return new AccountBalance(accountId, usd, b.credits(), b.points(), alertThreshold,
                usd.compareTo(alertThreshold) < 0, Optional.of(b.updatedAt()));
    }

    // ---------------------------------------------------------------- seeding, for host tests

    /**
     * Adds a video-diffusion job that completed just now, offering extend and upscale for videos 0-3 (history:
     * charges nothing); answers its id.
     */
    public JobId seedCompletedVideoJob() {
        return seedCompleted(TaskType.Kind.VIDEO_DIFFUSION, timings.videoDiffusion480p(), VIDEOS_PER_JOB);
    }

    /** Adds an image job with four images that completed just now (charges nothing); answers its id. */
    public JobId seedCompletedImageJob() {
        return seedCompletedImageJob(IMAGES_PER_JOB);
    }

    /**
     * Adds an image job with {@code images} images (1-4) that completed just now (charges nothing); answers its
     * id. Animating an image it does not have is refused.
     */
    public JobId seedCompletedImageJob(int images) {
        if (images < 1 || images > IMAGES_PER_JOB) {
            throw new IllegalArgumentException("'images' must be between 1 and " + IMAGES_PER_JOB + ", was " + images);
        }
        return seedCompleted(TaskType.Kind.DIFFUSION, timings.image(), images);
    }

    /**
     * Adds an image job with four images that was accepted just now and completes after the {@link FakeTimings}
     * image duration (charges nothing); answers its id.
     */
    public JobId seedRunningImageJob() {
        long now = clock.millis();
        FakeJob job;
        synchronized (randomLock) {
            int staged = timings.pending().drawMillis(random);
            int processing = staged + timings.staged().drawMillis(random);
            int ended = processing + timings.image().drawMillis(random);
            job = store(TaskType.Kind.DIFFUSION, now, staged, processing, ended, costs.image(), false,
                    IMAGES_PER_JOB, 0, null, null);
        }
        return new JobId(job.id());
    }

    // ---------------------------------------------------------------- scripted faults, for host tests

    /** The next accepted job runs as usual, then fails with this code and message (points are refunded). */
    public void failNextJob(int code, String message) {
        failNextJob(new JobFailure(code, message, ""));
    }

    /** The next accepted job runs as usual, then fails with {@code failure} (points are refunded). */
    public void failNextJob(JobFailure failure) {
        faults.jobFailures.add(Objects.requireNonNull(failure, "failure"));
    }

    /**
     * The next submit is refused with HTTP 429; {@code retryAfter} is the {@code Retry-After} hint, or null for
     * none. No job is created.
     */
    public void rateLimitNextSubmit(Duration retryAfter) {
        faults.submits.add(new Faults.RateLimit(retryAfter));
    }

    /** The next submit is refused by moderation, HTTP 403 with a task-shaped body. No job is created. */
    public void refuseNextSubmitForContent() {
        refuseNextSubmitForContent(Rejections.REFUSED_RAW_MESSAGE);
    }

    /** The next submit is refused by moderation with this reason, HTTP 403 with a task-shaped body. */
    public void refuseNextSubmitForContent(String rawMessage) {
        faults.submits.add(new Faults.Refusal(Objects.requireNonNull(rawMessage, "rawMessage")));
    }

    /**
     * The next submit that is accepted creates and charges its job as usual, then answers 503 as if the response
     * was lost: a {@link ServiceUnavailableException} that says the submit may have reached the service.
     */
    public void makeNextSubmitUnavailable() {
        faults.lostResponses.add(Boolean.TRUE);
    }

    /** The next lookup blocks for {@code delay} (through the configured {@link Sleeper}), then answers. */
    public void slowDownNextLookup(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("'delay' must be zero or positive, was " + delay);
        }
        faults.lookups.add(new Faults.Slow(delay));
    }

    /** The next lookup fails with HTTP 503, a {@link ServiceUnavailableException} that is safe to retry. */
    public void makeNextLookupUnavailable() {
        faults.lookups.add(new Faults.LookupUnavailable());
    }

    /** Disarms every scripted fault that has not struck yet. */
    public void clearFaults() {
        faults.clear();
    }

    // ---------------------------------------------------------------- balance control and inspection

    /** Sets the points the account has available now. */
    public void setAvailablePoints(long points) {
        requireNotNegative("points", points);
        ledger.setPoints(points, clock.millis());
    }

    /** Sets the credits the account has available now. */
    public void setAvailableCredits(long credits) {
        requireNotNegative("credits", credits);
        ledger.setCredits(credits, clock.millis());
    }

    /** How many jobs the service holds, seeded ones included. */
    public int jobCount() {
        return jobs.size();
    }

    /** Names the fake and its size; never the API key or the webhook secret. */
    @Override
    public String toString() {
        return "FakeLegnext[account=" + accountId + ", jobs=" + jobs.size() + ", apiKey="
                + (acceptedKey == null ? "any" : "configured") + "]";
    }

    // ---------------------------------------------------------------- internals

    private Job submit(String attempted, TaskType.Kind kind, FakeTimings.Range run, int results, int extensions,
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
            int ended = processing + run.drawMillis(random);
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

    /** Stores a job that was accepted one drawn lifetime ago, so that it completes exactly now. */
    private JobId seedCompleted(TaskType.Kind kind, FakeTimings.Range run, int results) {
        long now = clock.millis();
        synchronized (randomLock) {
            int staged = timings.pending().drawMillis(random);
            int processing = staged + timings.staged().drawMillis(random);
            int ended = processing + run.drawMillis(random);
            return new JobId(store(kind, now - ended, staged, processing, ended, costs.of(kind), false, results, 0,
                    null, null).id());
        }
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

    private void authenticate(String attempted) {
        if (acceptedKey != null && (presentedKey == null || !MessageDigest.isEqual(acceptedKey, presentedKey))) {
            throw Rejections.authentication(attempted);
        }
    }

    private void requireAnimatable(String attempted, AnimateImage animate) {
        FakeJob source = jobs.get(animate.imageJob().value());
        if (source == null) {
            throw Rejections.notFound(attempted);
        }
        TaskType type = TaskType.of(source.kind());
        if (!type.isImage()) {
            throw Rejections.invalid(attempted, "job " + source.id() + " is a " + type
                    + " job; only the images of a completed image job can be animated");
        }
        JobStatus.State state = source.stateAt(clock.millis());
        if (state != JobStatus.State.COMPLETED) {
            throw Rejections.invalid(attempted, "job " + source.id() + " is " + state.wireName()
                    + "; its images can be animated once it has completed");
        }
        if (animate.image().value() >= source.results()) {
            throw Rejections.invalid(attempted, "imageNo " + animate.image() + " is out of range: job " + source.id()
                    + " has " + source.results() + " image" + (source.results() == 1 ? "" : "s") + " (0-"
                    + (source.results() - 1) + ")");
        }
    }

    private FakeJob requireVideoSource(String attempted, JobId id, String verb) {
        FakeJob source = jobs.get(id.value());
        if (source == null) {
            throw Rejections.notFound(attempted);
        }
        TaskType type = TaskType.of(source.kind());
        if (!type.yieldsVideoVariants()) {
            throw Rejections.invalid(attempted, "job " + id + " is a " + type + " job; only a completed"
                    + " video_diffusion or extend_video job can be " + verb);
        }
        JobStatus.State state = source.stateAt(clock.millis());
        if (state != JobStatus.State.COMPLETED) {
            throw Rejections.invalid(attempted, "job " + id + " is " + state.wireName() + ", not completed; it can be "
                    + verb + " once it has completed");
        }
        return source;
    }

    private static void requireOffered(String attempted, FakeJob source, String action, VariantIndex index) {
        Set<Integer> offered = source.actions().indicesFor(action).orElse(Set.of());
        if (!offered.contains(index.value())) {
            throw Rejections.invalid(attempted, "videoNo " + index + " is not offered by job " + source.id()
                    + " for " + action + "; it offers " + offered);
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

    private static String describe(VideoDiffusionRequest request) {
        if (request instanceof TextToVideo t) {
            return "Submitting a video-diffusion job (" + t.describeMode() + ", " + t.quality() + ")";
        }
        if (request instanceof ImageToVideo i) {
            return "Submitting a video-diffusion job (image URL to video, " + i.quality() + ")";
        }
        AnimateImage a = (AnimateImage) request;
        return "Submitting a video-diffusion job animating image " + a.image() + " of job " + a.imageJob() + " ("
                + a.quality() + ")";
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("'" + name + "' must be at least 0, was " + value);
        }
    }

    private static byte[] bytes(String key) {
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

    /** Configures a {@link FakeLegnext}; every setting has a realistic default. */
    public static final class Builder {
        private final Scheduler scheduler;
        private FakeTimings timings = FakeTimings.DEFAULT;
        private FakeCosts costs = FakeCosts.DEFAULT;
        private int upscaleVideoCount = VIDEOS_PER_JOB;
        private RandomGenerator random;
        private String apiKey;
        private String webhookSecret;
        private Clock signingClock;
        private long points = DEFAULT_POINTS;
        private long credits;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private BigDecimal alertThreshold = DEFAULT_ALERT_THRESHOLD;
        private HttpClient httpClient;
        private Sleeper sleeper = Sleeper.THREAD;
        private System.Logger logger;

        private Builder(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        /** How long jobs stay in each state; {@link FakeTimings#DEFAULT} unless set. */
        public Builder timings(FakeTimings value) {
            this.timings = Objects.requireNonNull(value, "timings");
            return this;
        }

        /** What each job freezes; {@link FakeCosts#DEFAULT} unless set. */
        public Builder costs(FakeCosts value) {
            this.costs = Objects.requireNonNull(value, "costs");
            return this;
        }

        /**
         * How many videos an upscale job yields, 1 or 4 (the service does not document which; 4 unless set), so
         * hosts can test both readings.
         */
        public Builder upscaleVideoCount(int value) {
            if (value != 1 && value != VIDEOS_PER_JOB) {
                throw new IllegalArgumentException("'upscaleVideoCount' must be 1 or " + VIDEOS_PER_JOB + ", was "
                        + value);
            }
            this.upscaleVideoCount = value;
            return this;
        }

        /** Draws durations, seeds and job ids from {@code value}; the same sequence of calls then gives the same jobs. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** Shorthand for {@code random(new SplittableRandom(seed))}: reproducible jobs. */
        public Builder seed(long seed) {
            return random(new SplittableRandom(seed));
        }

        /** The only API key the service accepts, also the key this client presents; unless set, any key is accepted. */
        public Builder apiKey(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("'apiKey' must not be blank; leave it unset to accept any key");
            }
            this.apiKey = value;
            return this;
        }

        /** Signs callbacks with this secret ({@code X-Legnext-Signature}); unless set, callbacks are unsigned. */
        public Builder webhookSecret(String value) {
            this.webhookSecret = value == null || value.isEmpty() ? null : value;
            return this;
        }

        /**
         * The clock whose time stamps signed callbacks ({@code X-Legnext-Timestamp}); the scheduler's unless set.
         * On an accelerated scheduler pass {@link Clock#systemUTC()}: receivers judge staleness by their own wall
         * clock, and an accelerated stamp runs minutes ahead of it.
         */
        public Builder signingClock(Clock value) {
            this.signingClock = Objects.requireNonNull(value, "signingClock");
            return this;
        }

        /** Points available at start; {@link #DEFAULT_POINTS} unless set. */
        public Builder availablePoints(long value) {
            requireNotNegative("availablePoints", value);
            this.points = value;
            return this;
        }

        /** Credits available at start; 0 unless set. */
        public Builder availableCredits(long value) {
            requireNotNegative("availableCredits", value);
            this.credits = value;
            return this;
        }

        /** The account id the balance reports; {@link #DEFAULT_ACCOUNT_ID} unless set. */
        public Builder accountId(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("'accountId' must not be blank, was " + value);
            }
            this.accountId = value;
            return this;
        }

        /** The balance in dollars under which the low-balance alert is raised; $5.00 unless set. */
        public Builder alertThreshold(BigDecimal value) {
            this.alertThreshold = Objects.requireNonNull(value, "alertThreshold");
            return this;
        }

        /** The client that POSTs callbacks; a default one is created on the first callback unless set. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** How the slow-lookup fault waits; {@link Sleeper#THREAD} unless set. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where failed callback deliveries are logged; the {@code io.legnext.adapter.fake.FakeLegnext} logger unless set. */
        public Builder logger(System.Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /** Builds the fake, an empty account with the configured balance. */
        public FakeLegnext build() {
            return new FakeLegnext(this);
        }

        /** Names what is configured; never the API key or the webhook secret. */
        @Override
        public String toString() {
            return "FakeLegnext.Builder[apiKey=" + (apiKey == null ? "any" : "configured") + ", webhookSecret="
                    + (webhookSecret == null ? "none" : "configured") + "]";
        }
    }
}
