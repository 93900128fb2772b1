package io.legnext.adapter.fake;

import io.legnext.core.port.out.Scheduler;
import io.legnext.core.port.out.Sleeper;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The settings of a {@link FakeLegnext} and their checks, which {@link FakeLegnext.Builder} exposes; every setting
 * has a realistic default.
 */
abstract sealed class FakeBuilder permits FakeLegnext.Builder {

    /** The most {@link #maxConcurrentJobs(int)} may be. */
    static final int MAX_CONCURRENT_JOBS = 10_000;

    final Scheduler scheduler;
    FakeTimings timings = FakeTimings.DEFAULT;
    FakeCosts costs = FakeCosts.DEFAULT;
    int upscaleVideoCount = FakeLegnext.VIDEOS_PER_JOB;
    RandomGenerator random;
    String apiKey;
    String webhookSecret;
    Clock signingClock;
    long points = FakeLegnext.DEFAULT_POINTS;
    long credits;
    String accountId = FakeLegnext.DEFAULT_ACCOUNT_ID;
    BigDecimal alertThreshold = FakeLegnext.DEFAULT_ALERT_THRESHOLD;
    HttpClient httpClient;
    Sleeper sleeper = Sleeper.THREAD;
    System.Logger logger;
    int maxConcurrentJobs = FakeLegnext.DEFAULT_MAX_CONCURRENT_JOBS;
    Slots.WhenBusy whenBusy = Slots.WhenBusy.QUEUE;
    Duration jobTtl = FakeLegnext.DEFAULT_JOB_TTL;
    Path storeDirectory;

    FakeBuilder(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    private FakeLegnext.Builder self() {
        return (FakeLegnext.Builder) this;
    }

    /** How long jobs stay in each state; {@link FakeTimings#DEFAULT} unless set. */
    public FakeLegnext.Builder timings(FakeTimings value) {
        this.timings = Objects.requireNonNull(value, "timings");
        return self();
    }

    /** What each job freezes; {@link FakeCosts#DEFAULT} unless set. */
    public FakeLegnext.Builder costs(FakeCosts value) {
        this.costs = Objects.requireNonNull(value, "costs");
        return self();
    }

    /**
     * How many videos an upscale job yields, 1 or 4 (the service does not document which; 4 unless set), so
     * hosts can test both readings.
     */
    public FakeLegnext.Builder upscaleVideoCount(int value) {
        if (value != 1 && value != FakeLegnext.VIDEOS_PER_JOB) {
            throw new IllegalArgumentException(
                    "'upscaleVideoCount' must be 1 or " + FakeLegnext.VIDEOS_PER_JOB + ", was " + value);
        }
        this.upscaleVideoCount = value;
        return self();
    }

    /** Draws durations, seeds and job ids from {@code value}; the same sequence of calls then gives the same jobs. */
    public FakeLegnext.Builder random(RandomGenerator value) {
        this.random = Objects.requireNonNull(value, "random");
        return self();
    }

    /** Shorthand for {@code random(new SplittableRandom(seed))}: reproducible jobs. */
    public FakeLegnext.Builder seed(long seed) {
        return random(new SplittableRandom(seed));
    }

    /** The only API key the service accepts, also the key this client presents; unless set, any key is accepted. */
    public FakeLegnext.Builder apiKey(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'apiKey' must not be blank; leave it unset to accept any key");
        }
        this.apiKey = value;
        return self();
    }

    /** Signs callbacks with this secret ({@code X-Legnext-Signature}); unless set, callbacks are unsigned. */
    public FakeLegnext.Builder webhookSecret(String value) {
        this.webhookSecret = value == null || value.isEmpty() ? null : value;
        return self();
    }

    /**
     * The clock whose time stamps signed callbacks ({@code X-Legnext-Timestamp}); the scheduler's unless set.
     * On an accelerated scheduler pass {@link Clock#systemUTC()}: receivers judge staleness by their own wall
     * clock, and an accelerated stamp runs minutes ahead of it.
     */
    public FakeLegnext.Builder signingClock(Clock value) {
        this.signingClock = Objects.requireNonNull(value, "signingClock");
        return self();
    }

    /** Points available at start; {@link FakeLegnext#DEFAULT_POINTS} unless set. */
    public FakeLegnext.Builder availablePoints(long value) {
        requireNotNegative("availablePoints", value);
        this.points = value;
        return self();
    }

    /** Credits available at start; 0 unless set. */
    public FakeLegnext.Builder availableCredits(long value) {
        requireNotNegative("availableCredits", value);
        this.credits = value;
        return self();
    }

    /** The account id the balance reports; {@link FakeLegnext#DEFAULT_ACCOUNT_ID} unless set. */
    public FakeLegnext.Builder accountId(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'accountId' must not be blank, was " + value);
        }
        this.accountId = value;
        return self();
    }

    /** The balance in dollars under which the low-balance alert is raised; $5.00 unless set. */
    public FakeLegnext.Builder alertThreshold(BigDecimal value) {
        this.alertThreshold = Objects.requireNonNull(value, "alertThreshold");
        return self();
    }

    /** The client that POSTs callbacks; a default one is created on the first callback unless set. */
    public FakeLegnext.Builder httpClient(HttpClient value) {
        this.httpClient = Objects.requireNonNull(value, "httpClient");
        return self();
    }

    /** How the slow-lookup fault waits; {@link Sleeper#THREAD} unless set. */
    public FakeLegnext.Builder sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper");
        return self();
    }

    /**
     * Where failed callback deliveries are logged; the {@code io.legnext.adapter.fake.FakeLegnext} logger unless
     * set.
     */
    public FakeLegnext.Builder logger(System.Logger value) {
        this.logger = Objects.requireNonNull(value, "logger");
        return self();
    }

    /**
     * How many of the account's jobs process at once, 1 to 10,000;
     * {@link FakeLegnext#DEFAULT_MAX_CONCURRENT_JOBS} unless set. A job beyond them stays pending until a slot
     * frees, or is refused with 429 when {@link #rejectWhenBusy(boolean)} says so.
     */
    public FakeLegnext.Builder maxConcurrentJobs(int value) {
        if (value < 1 || value > MAX_CONCURRENT_JOBS) {
            throw new IllegalArgumentException(
                    "'maxConcurrentJobs' must be between 1 and " + MAX_CONCURRENT_JOBS + ", was " + value);
        }
        this.maxConcurrentJobs = value;
        return self();
    }

    /** No limit on the jobs that process at once: what load tests with thousands of jobs want. */
    public FakeLegnext.Builder unlimitedConcurrentJobs() {
        this.maxConcurrentJobs = Integer.MAX_VALUE;
        return self();
    }

    /**
     * Whether a job beyond {@link #maxConcurrentJobs(int)} is refused with 429 ({@code RateLimitedException}, its
     * {@code Retry-After} when the earliest slot frees) rather than queued; queued unless set.
     */
    public FakeLegnext.Builder rejectWhenBusy(boolean value) {
        this.whenBusy = value ? Slots.WhenBusy.REJECT : Slots.WhenBusy.QUEUE;
        return self();
    }

    /**
     * How long after it was accepted the service answers for a job (service time); then it is unknown, 404, for
     * lookups and follow-ups alike. {@link FakeLegnext#DEFAULT_JOB_TTL} unless set.
     */
    public FakeLegnext.Builder jobTtl(Duration value) {
        if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("'jobTtl' must be at least 1 second, was " + value);
        }
        this.jobTtl = value;
        return self();
    }

    /**
     * Keeps the service in {@code directory} rather than in memory: jobs, balance and pending callbacks survive the
     * process and are shared with every other process (and instance) over the same directory, which must then be
     * on one scheduler clock (see {@link FakeServiceStore#scheduler}). A new directory starts with this builder's
     * account and balance; an existing one keeps its own. Faults stay per instance.
     */
    public FakeLegnext.Builder persistentIn(Path directory) {
        this.storeDirectory = Objects.requireNonNull(directory, "directory");
        return self();
    }

    /** Names what is configured; never the API key or the webhook secret. */
    @Override
    public String toString() {
        return "FakeLegnext.Builder[apiKey=" + (apiKey == null ? "any" : "configured") + ", webhookSecret="
                + (webhookSecret == null ? "none" : "configured") + "]";
    }

    static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("'" + name + "' must be at least 0, was " + value);
        }
    }
}
