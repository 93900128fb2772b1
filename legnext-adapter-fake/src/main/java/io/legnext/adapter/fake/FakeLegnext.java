package io.legnext.adapter.fake;

import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.port.out.Sleeper;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;

/**
 * Driven adapter: an in-memory Legnext that behaves like the real service (lifecycle on the injected scheduler's
 * clock, follow-up rules, balance, errors, signed callbacks, about 6 jobs processing at once, job records that
 * expire) plus scriptable faults, for tests and key-less runs. {@link Builder#persistentIn(java.nio.file.Path)}
 * keeps the service in a directory instead, shared by every process that opens it (see {@link FakeServiceStore}).
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
    /** How many of an account's jobs process at once unless configured: about 6, say the service's notes. */
    public static final int DEFAULT_MAX_CONCURRENT_JOBS = 6;
    /** How long the service answers for a job unless configured; older ones are unknown (404). */
    public static final Duration DEFAULT_JOB_TTL = Duration.ofDays(3);

    /** The service this client talks to, shared with every client {@link #withApiKey(String)} gives. */
    private final FakeService service;
    /** The key this client presents, or null. */
    private final byte[] presentedKey;

    private FakeLegnext(FakeService service, byte[] presentedKey) {
        this.service = service;
        this.presentedKey = presentedKey;
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
        return new FakeLegnext(service, Attempts.bytes(apiKey));
    }

    // ---------------------------------------------------------------- VideoGenerationPort

    @Override
    public Job generate(VideoDiffusion request) {
        Objects.requireNonNull(request, "request");
        String attempted = Attempts.describe(request);
        authenticate(attempted);
        return service.generate(attempted, request);
    }

    @Override
    public Job extend(ExtendVideo request) {
        Objects.requireNonNull(request, "request");
        String attempted =
                "Submitting an extend-video job for video " + request.videoIndex() + " of job " + request.videoJob();
        authenticate(attempted);
        return service.extend(attempted, request);
    }

    @Override
    public Job upscale(UpscaleVideo request) {
        Objects.requireNonNull(request, "request");
        String attempted =
                "Submitting a video-upscale job for video " + request.videoIndex() + " of job " + request.videoJob();
        authenticate(attempted);
        return service.upscale(attempted, request);
    }

    // ---------------------------------------------------------------- JobQueryPort

    @Override
    public Job getJob(JobId id) {
        Objects.requireNonNull(id, "id");
        String attempted = "Looking up job " + id;
        authenticate(attempted);
        return service.lookup(attempted, id);
    }

    // ---------------------------------------------------------------- AccountPort

    @Override
    public AccountBalance getBalance() {
        authenticate("Reading the account balance");
        return service.balance();
    }

    // ---------------------------------------------------------------- seeding, for host tests

    /**
     * Adds a video-diffusion job that completed just now, offering extend and upscale for videos 0-3 (history:
     * charges nothing); answers its id.
     */
    public JobId seedCompletedVideoJob() {
        return service.seedCompleted(TaskType.Kind.VIDEO_DIFFUSION, VIDEOS_PER_JOB);
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
        return service.seedCompleted(TaskType.Kind.DIFFUSION, images);
    }

    /**
     * Adds an image job with four images that was accepted just now and completes after the {@link FakeTimings}
     * image duration (charges nothing); answers its id.
     */
    public JobId seedRunningImageJob() {
        return service.seedRunningImage();
    }

    // ---------------------------------------------------------------- scripted faults, for host tests

    /** The next accepted job runs as usual, then fails with this code and message (points are refunded). */
    public void failNextJob(int code, String message) {
        failNextJob(new JobFailure(code, message, ""));
    }

    /** The next accepted job runs as usual, then fails with {@code failure} (points are refunded). */
    public void failNextJob(JobFailure failure) {
        service.faults.jobFailures.add(Objects.requireNonNull(failure, "failure"));
    }

    /**
     * The next submit is refused with HTTP 429; {@code retryAfter} is the {@code Retry-After} hint, or null for
     * none. No job is created.
     */
    public void rateLimitNextSubmit(Duration retryAfter) {
        service.faults.submits.add(new Faults.RateLimit(retryAfter));
    }

    /** The next submit is refused by moderation, HTTP 403 with a task-shaped body. No job is created. */
    public void refuseNextSubmitForContent() {
        refuseNextSubmitForContent(Rejections.REFUSED_RAW_MESSAGE);
    }

    /** The next submit is refused by moderation with this reason, HTTP 403 with a task-shaped body. */
    public void refuseNextSubmitForContent(String rawMessage) {
        service.faults.submits.add(new Faults.Refusal(Objects.requireNonNull(rawMessage, "rawMessage")));
    }

    /**
     * The next submit that is accepted creates and charges its job as usual, then answers 503 as if the response
     * was lost: a {@link ServiceUnavailableException} that says the submit may have reached the service.
     */
    public void makeNextSubmitUnavailable() {
        service.faults.lostResponses.add(Boolean.TRUE);
    }

    /** The next lookup blocks for {@code delay} (through the configured {@link Sleeper}), then answers. */
    public void slowDownNextLookup(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("'delay' must be zero or positive, was " + delay);
        }
        service.faults.lookups.add(new Faults.Slow(delay));
    }

    /** The next lookup fails with HTTP 503, a {@link ServiceUnavailableException} that is safe to retry. */
    public void makeNextLookupUnavailable() {
        service.faults.lookups.add(new Faults.LookupUnavailable());
    }

    /** Disarms every scripted fault that has not struck yet. */
    public void clearFaults() {
        service.faults.clear();
    }

    // ---------------------------------------------------------------- balance control and inspection

    /** Sets the points the account has available now. */
    public void setAvailablePoints(long points) {
        FakeBuilder.requireNotNegative("points", points);
        service.setBalance(false, points);
    }

    /** Sets the credits the account has available now. */
    public void setAvailableCredits(long credits) {
        FakeBuilder.requireNotNegative("credits", credits);
        service.setBalance(true, credits);
    }

    /** How many jobs the service holds, seeded and expired ones included. */
    public int jobCount() {
        return service.jobCount();
    }

    /**
     * Waits, at most {@code bound}, until the callbacks this instance took on that are due by now have been
     * delivered or have failed; a process calls it before it ends, so that a delivery it claimed is made.
     *
     * @return whether none was left
     */
    public boolean awaitCallbacks(Duration bound) throws InterruptedException {
        return service.awaitCallbacks(Objects.requireNonNull(bound, "bound"));
    }

    /** Names the fake and its size; never the API key or the webhook secret. */
    @Override
    public String toString() {
        return "FakeLegnext[account=" + service.state.accountId() + ", jobs=" + service.state.jobs.size() + ", apiKey="
                + (service.acceptedKey == null ? "any" : "configured") + "]";
    }

    private void authenticate(String attempted) {
        byte[] accepted = service.acceptedKey;
        if (accepted != null && (presentedKey == null || !MessageDigest.isEqual(accepted, presentedKey))) {
            throw Rejections.authentication(attempted);
        }
    }

    /**
     * Configures a {@link FakeLegnext}; every setting has a realistic default (the settings and their checks are
     * inherited).
     */
    public static final class Builder extends FakeBuilder {

        private Builder(Scheduler scheduler) {
            super(scheduler);
        }

        /** Builds the fake, an empty account with the configured balance. */
        public FakeLegnext build() {
            FakeService service = new FakeService(this);
            return new FakeLegnext(service, service.acceptedKey);
        }
    }
}
