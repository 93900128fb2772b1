package io.legnext.app;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.feign.JacksonTaskDecoder;
import io.legnext.adapter.feign.LegnextHttpAdapter;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.in.ExtendVideoUseCase;
import io.legnext.core.port.in.GenerateVideoUseCase;
import io.legnext.core.port.in.GetBalanceUseCase;
import io.legnext.core.port.in.GetJobUseCase;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import io.legnext.core.port.in.RunBatchUseCase;
import io.legnext.core.port.in.UpscaleVideoUseCase;
import io.legnext.core.port.in.WaitForJobUseCase;
import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.secret.Redactor;
import io.legnext.core.service.AccountService;
import io.legnext.core.service.BatchService;
import io.legnext.core.service.CallbackReceiver;
import io.legnext.core.service.JobWaiter;
import io.legnext.core.service.VideoJobService;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Composition root for hosts: the core's use cases wired by plain constructors over the HTTP adapter or the
 * in-memory fake, behind one object with no framework.
 *
 * <pre>{@code
 * try (Legnext legnext = Legnext.http(System.getenv("LEGNEXT_API_KEY"))) {
 *     Job job = legnext.generate(ImageToVideo.of("https://example.com/cat.jpg", "a cat walks"));
 *     Job done = legnext.await(job.id(), WaitOptions.defaults());
 *     done.videoUrls().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Submits are never retried blindly, every accepted job is written to the journal before a submit returns, and
 * waiting runs on the scheduler, so a test drives it in {@link io.legnext.core.time.VirtualTime}. Over HTTP, the
 * waits' lookups go through an adapter that does not retry (a retry there would sleep on the shared scheduler's
 * thread); the waiter retries them on its own schedule, while {@link #getJob} keeps the adapter's retries.
 * Thread-safe.
 *
 * <p>What it does can be watched: {@link LegnextBuilder#listener} hears every HTTP attempt, every wait (start, each lookup,
 * each state change, end) and every callback accepted or refused. By default it also logs through SLF4J (a
 * {@link LoggingListener}): retries and refused callbacks at WARN, a wait's lookups at DEBUG;
 * {@link LegnextBuilder#logEvents(boolean)} turns that off.
 */
public final class Legnext
        implements GenerateVideoUseCase,
                ExtendVideoUseCase,
                UpscaleVideoUseCase,
                GetJobUseCase,
                WaitForJobUseCase,
                GetBalanceUseCase,
                AutoCloseable {

    /** The real service's address. */
    public static final URI DEFAULT_BASE_URI = LegnextHttpAdapter.DEFAULT_BASE_URI;
    /** What {@link #service()} says for the in-memory fake. */
    public static final String FAKE_SERVICE = "fake";
    /** What {@link #service()} says when the host supplied every port itself. */
    public static final String HOST_SERVICE = "host";

    private final VideoJobService videos;
    private final AccountService account;
    private final AccountPort accountPort;
    private final JobJournalPort journal;
    private final JobWaiter waiter;
    private final Scheduler scheduler;
    private final ExecutorScheduler ownedScheduler;
    private final Clock wallClock;
    private final String service;
    /** Who hears what this instance does. */
    private final Events events;

    /**
     * @param query direct lookups ({@link #getJob}, the follow-up checks)
     * @param waitQuery the waits' lookups, made on the scheduler's thread: must not block to retry
     * @param events the host's listener, with the logging one unless turned off
     */
    Legnext(
            VideoGenerationPort generation,
            JobQueryPort query,
            JobQueryPort waitQuery,
            AccountPort accountPort,
            JobJournalPort journal,
            Scheduler scheduler,
            ExecutorScheduler ownedScheduler,
            PollingPolicy policy,
            Clock wallClock,
            String service,
            Events events) {
        this.scheduler = scheduler;
        this.ownedScheduler = ownedScheduler;
        this.wallClock = wallClock;
        this.service = service;
        this.events = events;
        this.videos = new VideoJobService(generation, query, journal, scheduler.clock());
        this.account = new AccountService(accountPort);
        this.accountPort = accountPort;
        this.journal = journal;
        this.waiter = new JobWaiter(waitQuery, scheduler, policy, events.listener());
    }

    /**
     * Who hears what an instance does: the host's listener and, unless turned off, a {@link LoggingListener}.
     *
     * @param host the host's own listener
     * @param redactor masks the key in logged lines
     * @param logged whether a {@link LoggingListener} hears it too
     */
    record Events(LegnextListener host, Redactor redactor, boolean logged) {
        LegnextListener listener() {
            return listener(redactor);
        }

        /** As {@link #listener()}, logging with {@code masks}: the key and a receiver's secret, say. */
        LegnextListener listener(Redactor masks) {
            return logged ? LegnextListener.combine(host, new LoggingListener(masks)) : LegnextListener.combine(host);
        }
    }

    /**
     * The real service at {@link #DEFAULT_BASE_URI} with this API key, real time and an in-memory journal; close it
     * when done.
     *
     * @throws IllegalArgumentException when the key is missing or blank (the message never contains a key)
     */
    public static Legnext http(String apiKey) {
        return builder().http(apiKey).build();
    }

    /**
     * The real service with the key in {@code LEGNEXT_API_KEY} and, when set, the address in
     * {@code LEGNEXT_BASE_URL}: the same variables the command line reads. Pass {@code System.getenv()}.
     *
     * @throws IllegalArgumentException when the key is not set or a value is malformed (never naming the key)
     */
    public static Legnext fromEnvironment(java.util.Map<String, String> env) {
        LegnextBuilder b = builder().http(env.get("LEGNEXT_API_KEY"));
        String base = env.get("LEGNEXT_BASE_URL");
        if (base != null && !base.isBlank()) {
            b.baseUri(URI.create(base.strip()));
        }
        return b.build();
    }

    /** A fresh in-memory fake service (100,000 points) on this scheduler: a test's {@code VirtualTime}, say. */
    public static Legnext fake(Scheduler scheduler) {
        return builder()
                .scheduler(scheduler)
                .fake(FakeLegnext.builder(scheduler).build())
                .build();
    }

    /** Configures the adapter, scheduler, journal and polling policy. */
    public static LegnextBuilder builder() {
        return new LegnextBuilder();
    }

    @Override
    public Job generate(VideoDiffusion request) {
        return videos.generate(request);
    }

    /** Animates an image of a completed image job: {@link #generate} with an {@link AnimateImage}. */
    public Job animate(AnimateImage request) {
        return videos.generate(request);
    }

    @Override
    public Job extend(ExtendVideo request) {
        return videos.extend(request);
    }

    @Override
    public Job upscale(UpscaleVideo request) {
        return videos.upscale(request);
    }

    @Override
    public Job getJob(JobId id) {
        return videos.getJob(id);
    }

    @Override
    public CompletableFuture<Job> waitFor(JobId id, WaitOptions options) {
        return waiter.waitFor(id, options);
    }

    /** Waits with {@link WaitOptions#defaults()}: adaptive polling, 20 minutes at most. */
    public CompletableFuture<Job> waitFor(JobId id) {
        return waiter.waitFor(id, WaitOptions.defaults());
    }

    /**
     * Waits for a job already in hand, typically the answer to its submit: the policy then knows its kind and age,
     * and the first lookup comes when it is due rather than at once.
     */
    public CompletableFuture<Job> waitFor(Job known, WaitOptions options) {
        return waiter.waitFor(known, options);
    }

    @Override
    public Job await(JobId id, WaitOptions options) throws InterruptedException {
        return waiter.await(id, options);
    }

    /** Waits on the calling thread for a job already in hand; see {@link #waitFor(Job, WaitOptions)}. */
    public Job await(Job known, WaitOptions options) throws InterruptedException {
        return waiter.await(known, options);
    }

    @Override
    public AccountBalance getBalance() {
        return account.getBalance();
    }

    /**
     * Batches over this instance: its submits and journal (a batch resumed after a crash asks it which jobs its
     * items created), its waits and scheduler, its balance; each item's state is kept in {@code store}.
     */
    public RunBatchUseCase batches(BatchStorePort store) {
        return new BatchService(
                videos, waiter, accountPort, journal, Objects.requireNonNull(store, "store"), scheduler);
    }

    /**
     * A receiver for the service's callbacks (hand it each POST's raw body and headers); it verifies signatures
     * when a secret is given and completes waits on this instance at once. Timestamps are judged by the wall clock
     * ({@link LegnextBuilder#wallClock}), never by the scheduler's, which may be virtual or accelerated.
     */
    public ReceiveCallbackUseCase callbackReceiver(Optional<String> secret) {
        Optional<String> given = Objects.requireNonNull(secret, "secret").filter(s -> !s.isEmpty());
        // Its log lines mask its own secret too.
        return new CallbackReceiver(
                new JacksonTaskDecoder(),
                given,
                wallClock,
                waiter,
                events.listener(events.redactor().with(given.orElse(null))));
    }

    /**
     * A receiver for a process that waits for nothing (e.g. {@code legnext webhook serve}): it verifies and
     * deduplicates deliveries like {@link #callbackReceiver(Optional)}, and needs no adapter, key or scheduler. A
     * signed delivery without a timestamp is accepted (see
     * {@link #standaloneCallbackReceiver(Optional, Clock, boolean)} to refuse it).
     *
     * @param secret the webhook secret; when present and not blank, every delivery must be signed with it
     * @param wallClock judges how old a delivery's timestamp is: {@link Clock#systemUTC()} outside tests
     */
    public static ReceiveCallbackUseCase standaloneCallbackReceiver(Optional<String> secret, Clock wallClock) {
        return standaloneCallbackReceiver(secret, wallClock, false);
    }

    /**
     * A standalone receiver, as {@link #standaloneCallbackReceiver(Optional, Clock)}, that may also refuse (401) a
     * signed delivery without an {@code X-Legnext-Timestamp} header: such a delivery's age cannot be checked, so a
     * captured copy could be replayed at any time.
     *
     * @param secret the webhook secret; when present and not blank, every delivery must be signed with it
     * @param wallClock judges how old a delivery's timestamp is: {@link Clock#systemUTC()} outside tests
     * @param requireTimestamp whether a signed delivery must carry a timestamp
     * @throws IllegalArgumentException when {@code requireTimestamp} is true without a secret: nothing would vouch
     *     for the timestamp
     */
    public static ReceiveCallbackUseCase standaloneCallbackReceiver(
            Optional<String> secret, Clock wallClock, boolean requireTimestamp) {
        return standaloneCallbackReceiver(secret, wallClock, requireTimestamp, LegnextListener.NONE);
    }

    /**
     * A standalone receiver, as {@link #standaloneCallbackReceiver(Optional, Clock, boolean)}, whose deliveries
     * (accepted or refused) {@code listener} hears. Like every standalone receiver it also logs them through SLF4J
     * (a {@link LoggingListener}: refusals at WARN).
     *
     * @param secret the webhook secret; when present and not blank, every delivery must be signed with it
     * @param wallClock judges how old a delivery's timestamp is: {@link Clock#systemUTC()} outside tests
     * @param requireTimestamp whether a signed delivery must carry a timestamp
     * @param listener hears of every delivery
     * @throws IllegalArgumentException when {@code requireTimestamp} is true without a secret: nothing would vouch
     *     for the timestamp
     */
    public static ReceiveCallbackUseCase standaloneCallbackReceiver(
            Optional<String> secret, Clock wallClock, boolean requireTimestamp, LegnextListener listener) {
        Optional<String> given = Objects.requireNonNull(secret, "secret").filter(s -> !s.isEmpty());
        LegnextListener heard = LegnextListener.combine(
                Objects.requireNonNull(listener, "listener"),
                new LoggingListener(Redactor.URL_CREDENTIALS.with(given.orElse(null))));
        return new CallbackReceiver(
                        new JacksonTaskDecoder(), given, Objects.requireNonNull(wallClock, "wallClock"), null, heard)
                .withTimestampRequired(requireTimestamp);
    }

    /** The scheduler waits run on; its clock is the one jobs are stamped with. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Where jobs go: {@link #FAKE_SERVICE}, or the HTTP service's base URL. */
    public String service() {
        return service;
    }

    /** Whether this is the in-memory fake. */
    public boolean isFake() {
        return FAKE_SERVICE.equals(service);
    }

    /**
     * Ends every wait still open on this instance (its future fails with an {@link IllegalStateException} saying
     * the job still runs remotely), then stops the scheduler this instance created, if it created one; a scheduler
     * passed in is left running.
     */
    @Override
    public void close() {
        waiter.shutdown();
        if (ownedScheduler != null) {
            ownedScheduler.close();
        }
    }

    @Override
    public String toString() {
        return "Legnext[" + service + "]";
    }
}
