package io.legnext.adapter.feign;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import io.legnext.adapter.feign.generated.api.AccountApi;
import io.legnext.adapter.feign.generated.api.JobsApi;
import io.legnext.adapter.feign.generated.api.VideoApi;
import io.legnext.core.event.ApiOperation;
import io.legnext.core.event.HttpAttempt;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.Sleeper;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.secret.Redactor;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Driven adapter over HTTP: implements the core's ports with a Feign client generated from the contract, over the
 * JDK's {@link HttpClient}, with typed errors, safe retries and a key that is never printed.
 *
 * <p>Every HTTP attempt is told to the {@linkplain Builder#listener listener} as an {@link HttpAttempt}. Each retry,
 * and a call that still fails after retries, is logged at WARN on the SLF4J logger
 * {@code io.legnext.adapter.feign.retries} (what failed, when it is tried again), never with the key.
 */
public final class LegnextHttpAdapter implements VideoGenerationPort, JobQueryPort, AccountPort {

    /** The service's address. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.legnext.ai");
    /** Time to establish a connection: generous for a cold TLS handshake, short enough to fail fast when down. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Time for one request to be answered: submits answer at once with a pending task, so 30 s only trips on a
     * service in trouble.
     */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Once<VideoApi> video;
    private final JobsApi jobs;
    private final Once<AccountApi> account;
    private final RetryingExecutor executor;
    private final URI baseUri;
    private final Redactor redactor;
    private final TolerantDecoder decoder;
    private final AtomicBoolean prepared = new AtomicBoolean();

    private LegnextHttpAdapter(Builder b) {
        this.baseUri = b.baseUri;
        this.redactor = Redactor.of(b.apiKey.reveal());
        // Built only when first needed (a submit's body, an error body, an unusual task): see WireJson.shared.
        Supplier<ObjectMapper> mapper = WireJson::shared;
        this.decoder = new TolerantDecoder(mapper, redactor);
        // Redirects are not followed, so a plain http base URL never needs TLS: its client skips the trust store.
        SSLContext ssl = b.sslContext != null
                ? b.sslContext
                : "http".equalsIgnoreCase(b.baseUri.getScheme()) ? new PlainHttpOnly() : null;
        HttpClient http =
                b.httpClient != null ? b.httpClient : JdkHttpClient.defaultClient(b.baseUri, b.connectTimeout, ssl);
        Feign.Builder feign = Feign.builder()
                .client(new JdkHttpClient(http, b.apiKey, b.userAgent))
                .encoder(WireJson.encoder())
                .decoder(decoder)
                .errorDecoder(new CapturingErrorDecoder())
                // Retries are ours (RetryingExecutor): Feign's own would re-send submits.
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(b.connectTimeout, b.requestTimeout, false))
                .logger(new RedactingLogger(redactor))
                .logLevel(b.logLevel);
        String target = b.baseUri.toString().replaceAll("/+$", "");
        // Made at the first submit (or prepareSubmit) and balance: a lookup alone never reads their interfaces.
        // One builder serves both, so they are made one at a time.
        this.video = new Once<>(() -> target(feign, VideoApi.class, target));
        this.jobs = feign.target(JobsApi.class, target);
        this.account = new Once<>(() -> target(feign, AccountApi.class, target));
        ErrorTranslator translator = new ErrorTranslator(new ErrorBodies(mapper), b.clock, b.baseUri, redactor);
        this.executor = new RetryingExecutor(
                translator,
                b.lookupRetry,
                b.submitRetry,
                b.clock,
                b.sleeper,
                b.random,
                b.nanoTime,
                b.listener,
                redactor);
    }

    /** The same connections, Feign clients and settings, another executor: see {@link #withLookupRetry}. */
    private LegnextHttpAdapter(LegnextHttpAdapter same, RetryingExecutor executor) {
        this.video = same.video;
        this.jobs = same.jobs;
        this.account = same.account;
        this.baseUri = same.baseUri;
        this.redactor = same.redactor;
        this.decoder = same.decoder;
        this.executor = executor;
    }

    /**
     * An adapter over this one's HTTP client, Feign clients and settings whose lookups retry by {@code policy}: a
     * second adapter for callers that must not sleep to retry (the facade's waits use {@link RetryPolicy#NONE})
     * without a second client, its threads and its connections.
     */
    public LegnextHttpAdapter withLookupRetry(RetryPolicy policy) {
        return new LegnextHttpAdapter(this, executor.withLookups(Objects.requireNonNull(policy, "policy")));
    }

    private static <T> T target(Feign.Builder feign, Class<T> api, String url) {
        synchronized (feign) {
            return feign.target(api, url);
        }
    }

    /** Starts an adapter for the given key; everything else has a documented default. */
    public static Builder builder(ApiKey apiKey) {
        return new Builder(apiKey);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Decodes and maps a canned task once, through the same decoder and mapper as a real answer: in a fresh JVM
     * that first decoding loads and builds most of what reading an answer needs, which would otherwise happen
     * between the service's answer and the journal.
     */
    @Override
    public void prepareSubmit() {
        if (prepared.compareAndSet(false, true)) {
            video.get();
            decoder.warmUp(baseUri + "/api/v1/video-diffusion");
        }
    }

    // Wire requests are built before the call: whatever the call throws happened once sending had begun.
    @Override
    public Job generate(VideoDiffusion request) {
        String attempted = "Submitting a video-diffusion job (" + request.describeMode() + ")";
        var wire = TaskMapper.toWire(request);
        Operation operation = request instanceof AnimateImage ? Operation.SUBMIT_NAMING_A_JOB : Operation.SUBMIT;
        return executor.run(
                operation,
                ApiOperation.GENERATE,
                attempted,
                () -> TaskMapper.toDomain(video.get().createVideoDiffusion(wire), redactor));
    }

    @Override
    public Job extend(ExtendVideo request) {
        String attempted = "Submitting an extension of video " + request.videoIndex() + " of job " + request.videoJob();
        var wire = TaskMapper.toWire(request);
        return executor.run(
                Operation.SUBMIT_NAMING_A_JOB,
                ApiOperation.EXTEND,
                attempted,
                () -> TaskMapper.toDomain(video.get().extendVideo(wire), redactor));
    }

    @Override
    public Job upscale(UpscaleVideo request) {
        String attempted = "Submitting an upscale of video " + request.videoIndex() + " of job " + request.videoJob();
        var wire = TaskMapper.toWire(request);
        return executor.run(
                Operation.SUBMIT_NAMING_A_JOB,
                ApiOperation.UPSCALE,
                attempted,
                () -> TaskMapper.toDomain(video.get().upscaleVideo(wire), redactor));
    }

    @Override
    public Job getJob(JobId id) {
        return executor.run(
                Operation.JOB_LOOKUP,
                ApiOperation.JOB_LOOKUP,
                "Looking up job " + id,
                () -> TaskMapper.toDomain(jobs.getJob(id.value()), redactor));
    }

    @Override
    public AccountBalance getBalance() {
        return executor.run(
                Operation.BALANCE,
                ApiOperation.BALANCE,
                "Reading the account balance",
                () -> TaskMapper.toDomain(account.get().getAccountBalance()));
    }

    @Override
    public String toString() {
        return "LegnextHttpAdapter[" + baseUri + "]";
    }

    /** Feign's log levels, by their meaning. */
    public enum LogLevel {
        /** Nothing. */
        NONE(Logger.Level.NONE),
        /** Method, URL, status and time. */
        BASIC(Logger.Level.BASIC),
        /** And headers (never the API key). */
        HEADERS(Logger.Level.HEADERS),
        /** And bodies. */
        FULL(Logger.Level.FULL);

        private final Logger.Level feign;

        LogLevel(Logger.Level feign) {
            this.feign = feign;
        }
    }

    /** Configures a {@link LegnextHttpAdapter}. */
    public static final class Builder {
        private final ApiKey apiKey;
        private URI baseUri = DEFAULT_BASE_URI;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private RetryPolicy lookupRetry = RetryPolicy.LOOKUPS;
        private RetryPolicy submitRetry = RetryPolicy.SUBMITS;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.THREAD;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private LongSupplier nanoTime = System::nanoTime;
        private LegnextListener listener = LegnextListener.NONE;
        private Logger.Level logLevel = Logger.Level.NONE;
        private HttpClient httpClient;
        private SSLContext sslContext;
        private String userAgent = UserAgent.DEFAULT;

        private Builder(ApiKey apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }

        /**
         * The service's address, optionally with a path prefix (a proxy); default {@link #DEFAULT_BASE_URI}.
         *
         * @throws IllegalArgumentException when it is not an absolute http or https URL, or has a query string, a
         *     fragment or credentials
         */
        public Builder baseUri(URI value) {
            Objects.requireNonNull(value, "baseUri");
            // Shown without credentials: the message must not repeat a password given in the URL.
            String shown = Redactor.URL_CREDENTIALS.redact(value.toString());
            String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || value.getHost() == null) {
                throw new IllegalArgumentException("'baseUri' must be an absolute http or https URL, was " + shown);
            }
            if (value.getRawUserInfo() != null) {
                throw new IllegalArgumentException("'baseUri' must be a URL without credentials (the API key"
                        + " authenticates every request), was " + shown);
            }
            if (value.getRawQuery() != null) {
                throw new IllegalArgumentException("'baseUri' must be a URL without a query string (it would be sent"
                        + " on with every request), was " + shown);
            }
            if (value.getRawFragment() != null) {
                throw new IllegalArgumentException("'baseUri' must be a URL without a fragment, was " + shown);
            }
            this.baseUri = value;
            return this;
        }

        /** Time to connect; default 10 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            return this;
        }

        /** Time for one request to be answered; default 30 s. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive("requestTimeout", value);
            return this;
        }

        /** Retries of lookups; default {@link RetryPolicy#LOOKUPS}. */
        public Builder lookupRetry(RetryPolicy value) {
            this.lookupRetry = Objects.requireNonNull(value, "lookupRetry");
            return this;
        }

        /** Retries of submits that certainly did not arrive; default {@link RetryPolicy#SUBMITS}. */
        public Builder submitRetry(RetryPolicy value) {
            this.submitRetry = Objects.requireNonNull(value, "submitRetry");
            return this;
        }

        /** The clock deadlines and {@code Retry-After} dates are measured on. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How to wait between retries; tests pass a virtual sleeper. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** The source of jitter, uniform in [0, 1). */
        public Builder random(DoubleSupplier value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Hears of every HTTP attempt ({@link HttpAttempt}: the operation, the attempt number, its duration, the
         * status or the failure, and whether and when it is retried); default none. Combine several with
         * {@link LegnextListener#combine}; one that throws never breaks a call.
         */
        public Builder listener(LegnextListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The monotonic source attempts are timed on, in nanoseconds; tests pass a scripted one. */
        Builder nanoTime(LongSupplier value) {
            this.nanoTime = Objects.requireNonNull(value, "nanoTime");
            return this;
        }

        /** What Feign logs through SLF4J (logger {@code io.legnext.adapter.feign.http}, at debug); default none. */
        public Builder logLevel(LogLevel value) {
            this.logLevel = Objects.requireNonNull(value, "logLevel").feign;
            return this;
        }

        /** Shares a JDK client (its executor, proxy, TLS settings); its connect timeout then applies. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** The TLS settings of the adapter's own client (tests trust their stub's certificate with it). */
        Builder sslContext(SSLContext value) {
            this.sslContext = Objects.requireNonNull(value, "sslContext");
            return this;
        }

        /** Prefixes the User-Agent with the host application's product token, e.g. {@code my-app/2.1}. */
        public Builder applicationName(String value) {
            Objects.requireNonNull(value, "applicationName");
            if (value.isBlank() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(
                        "'applicationName' must be a product token like my-app/2.1, was '" + value + "'");
            }
            this.userAgent = value + " " + UserAgent.DEFAULT;
            return this;
        }

        /** Builds the adapter. */
        public LegnextHttpAdapter build() {
            return new LegnextHttpAdapter(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("'" + name + "' must be positive, was " + d);
            }
            return d;
        }
    }
}
