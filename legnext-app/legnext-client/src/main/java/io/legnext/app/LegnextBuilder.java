package io.legnext.app;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.feign.ApiKey;
import io.legnext.adapter.feign.LegnextHttpAdapter;
import io.legnext.adapter.feign.RetryPolicy;
import io.legnext.core.event.LegnextListener;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.secret.Redactor;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.wait.PollingPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link Legnext}: one adapter (HTTP or fake), or the host's own ports, is required; the rest has
 * defaults. Made by {@link Legnext#builder()}.
 */
public final class LegnextBuilder {
    private ApiKey apiKey;
    private URI baseUri = Legnext.DEFAULT_BASE_URI;
    private LegnextHttpAdapter.LogLevel logLevel = LegnextHttpAdapter.LogLevel.NONE;
    private String applicationName;
    private Duration connectTimeout;
    private Duration requestTimeout;
    private RetryPolicy lookupRetry;
    private RetryPolicy submitRetry;
    private HttpClient httpClient;
    private VideoGenerationPort generationPort;
    private JobQueryPort queryPort;
    private AccountPort accountPort;
    private FakeLegnext fake;
    private Scheduler scheduler;
    private JobJournalPort journal;
    private PollingPolicy policy;
    private Clock wallClock = Clock.systemUTC();
    private LegnextListener listener = LegnextListener.NONE;
    private boolean logEvents = true;

    LegnextBuilder() {}

    /**
     * Talks to the real service with this key.
     *
     * @throws IllegalArgumentException when the key is null or blank; the message never repeats a key
     */
    public LegnextBuilder http(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("an API key is required for the HTTP adapter (set LEGNEXT_API_KEY);"
                    + " without one, use the fake adapter");
        }
        return http(ApiKey.of(apiKey));
    }

    /** Talks to the real service with this key. */
    public LegnextBuilder http(ApiKey apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.fake = null;
        return this;
    }

    /** The HTTP service's address; default {@link Legnext#DEFAULT_BASE_URI}. */
    public LegnextBuilder baseUri(URI value) {
        this.baseUri = Objects.requireNonNull(value, "baseUri");
        return this;
    }

    /** What the HTTP adapter logs through SLF4J at debug (never the key); default none. */
    public LegnextBuilder httpLogLevel(LegnextHttpAdapter.LogLevel value) {
        this.logLevel = Objects.requireNonNull(value, "httpLogLevel");
        return this;
    }

    /** The host's product token in the User-Agent, e.g. {@code my-app/2.1}. */
    public LegnextBuilder applicationName(String value) {
        this.applicationName = Objects.requireNonNull(value, "applicationName");
        return this;
    }

    /** Time to connect to the HTTP service; default {@link LegnextHttpAdapter#DEFAULT_CONNECT_TIMEOUT}. */
    public LegnextBuilder connectTimeout(Duration value) {
        this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
        return this;
    }

    /** Time for one HTTP request to be answered; default {@link LegnextHttpAdapter#DEFAULT_REQUEST_TIMEOUT}. */
    public LegnextBuilder requestTimeout(Duration value) {
        this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
        return this;
    }

    /**
     * Retries of {@link Legnext#getJob} and {@link Legnext#getBalance} over HTTP; default {@link RetryPolicy#LOOKUPS}. The waits'
     * lookups never use it: the waiter retries them on its own schedule ({@link PollingPolicy}).
     */
    public LegnextBuilder lookupRetry(RetryPolicy value) {
        this.lookupRetry = Objects.requireNonNull(value, "lookupRetry");
        return this;
    }

    /** Retries of submits that certainly did not reach the service; default {@link RetryPolicy#SUBMITS}. */
    public LegnextBuilder submitRetry(RetryPolicy value) {
        this.submitRetry = Objects.requireNonNull(value, "submitRetry");
        return this;
    }

    /**
     * Sends HTTP requests through the host's own JDK client (its executor, proxy, TLS and HTTP/2 settings); its
     * connect timeout then applies, not {@link #connectTimeout}.
     */
    public LegnextBuilder httpClient(HttpClient value) {
        this.httpClient = Objects.requireNonNull(value, "httpClient");
        return this;
    }

    /**
     * Submits through the host's own implementation of the port instead of the chosen adapter's (a recording
     * decorator, a gateway of the host's, a test double).
     */
    public LegnextBuilder generationPort(VideoGenerationPort value) {
        this.generationPort = Objects.requireNonNull(value, "generationPort");
        return this;
    }

    /**
     * Looks jobs up through the host's own implementation of the port. The waits call it on the scheduler's
     * threads: it must not sleep to retry (throw {@code ServiceUnavailableException} and the waiter retries).
     */
    public LegnextBuilder queryPort(JobQueryPort value) {
        this.queryPort = Objects.requireNonNull(value, "queryPort");
        return this;
    }

    /** Reads the balance through the host's own implementation of the port. */
    public LegnextBuilder accountPort(AccountPort value) {
        this.accountPort = Objects.requireNonNull(value, "accountPort");
        return this;
    }

    /** Uses this in-memory fake; give the same {@link #scheduler(Scheduler)} it was built on. */
    public LegnextBuilder fake(FakeLegnext value) {
        this.fake = Objects.requireNonNull(value, "fake");
        this.apiKey = null;
        return this;
    }

    /** Runs waits on this scheduler; default: real time on a small thread pool that {@link Legnext#close()} stops. */
    public LegnextBuilder scheduler(Scheduler value) {
        this.scheduler = Objects.requireNonNull(value, "scheduler");
        return this;
    }

    /** Records accepted jobs here; default: in memory, for the life of the instance. */
    public LegnextBuilder journal(JobJournalPort value) {
        this.journal = Objects.requireNonNull(value, "journal");
        return this;
    }

    /** How to poll when no fixed interval is asked for; default {@link PollingPolicy#defaults()}. */
    public LegnextBuilder pollingPolicy(PollingPolicy value) {
        this.policy = Objects.requireNonNull(value, "pollingPolicy");
        return this;
    }

    /**
     * The real time that callback timestamps are judged by; default {@link Clock#systemUTC()}. Only tests need
     * another: the scheduler's clock may be virtual or accelerated and is never used for this.
     */
    public LegnextBuilder wallClock(Clock value) {
        this.wallClock = Objects.requireNonNull(value, "wallClock");
        return this;
    }

    /**
     * Hears everything the instance does: every HTTP attempt of both its adapters (the waits' lookups included),
     * every wait's start, lookups, state changes and end, every callback its receivers accept or refuse; default
     * none. Combine several with {@link LegnextListener#combine}; one that throws never breaks a call.
     */
    public LegnextBuilder listener(LegnextListener value) {
        this.listener = Objects.requireNonNull(value, "listener");
        return this;
    }

    /**
     * Whether waits and callbacks are also logged through SLF4J by a {@link LoggingListener} (a retried lookup
     * and a refused callback at WARN, the rest at DEBUG); default true. The HTTP adapter's own WARN lines for
     * retries are SLF4J configuration's to silence ({@code io.legnext.adapter.feign.retries}).
     */
    public LegnextBuilder logEvents(boolean value) {
        this.logEvents = value;
        return this;
    }

    /**
     * Builds it.
     *
     * @throws IllegalStateException when no adapter was chosen and the host did not supply all three ports
     * @throws IllegalArgumentException when an HTTP setting is out of its bounds (naming it)
     */
    public Legnext build() {
        boolean hostPortsOnly = generationPort != null && queryPort != null && accountPort != null;
        if (apiKey == null && fake == null && !hostPortsOnly) {
            throw new IllegalStateException("choose an adapter: http(apiKey) or fake(FakeLegnext), or supply all"
                    + " three ports (missing: " + missingPorts() + ")");
        }
        // Checked before a scheduler is started, so that a bad setting leaves nothing running.
        LegnextHttpAdapter.Builder http = apiKey != null ? http() : null;
        ExecutorScheduler owned = scheduler == null ? ExecutorScheduler.create(2, 1.0) : null;
        Scheduler s = scheduler != null ? scheduler : owned;
        JobJournalPort j = journal != null ? journal : new InMemoryJobJournal();
        PollingPolicy p = policy != null ? policy : PollingPolicy.defaults();
        Legnext.Events events =
                new Legnext.Events(listener, apiKey != null ? apiKey.redactor() : Redactor.URL_CREDENTIALS, logEvents);
        if (http == null) {
            VideoGenerationPort g = generationPort != null ? generationPort : fake;
            JobQueryPort q = queryPort != null ? queryPort : fake;
            AccountPort a = accountPort != null ? accountPort : fake;
            return new Legnext(
                    g,
                    q,
                    q,
                    a,
                    j,
                    s,
                    owned,
                    p,
                    wallClock,
                    fake != null ? Legnext.FAKE_SERVICE : Legnext.HOST_SERVICE,
                    events);
        }
        LegnextHttpAdapter adapter;
        LegnextHttpAdapter waitAdapter;
        try {
            adapter = http.listener(events.listener()).build();
            // The waiter calls lookups on the scheduler's few threads and retries them itself, without blocking
            // (PollingPolicy.retryDelay); the adapter's retries would sleep there, stalling every other wait. Same
            // HTTP client and Feign clients: one set of connections and threads, built once.
            waitAdapter = adapter.withLookupRetry(RetryPolicy.NONE);
        } catch (RuntimeException e) {
            if (owned != null) {
                owned.close();
            }
            throw e;
        }
        return new Legnext(
                generationPort != null ? generationPort : adapter,
                queryPort != null ? queryPort : adapter,
                queryPort != null ? queryPort : waitAdapter,
                accountPort != null ? accountPort : adapter,
                j,
                s,
                owned,
                p,
                wallClock,
                baseUri.toString().replaceAll("/+$", ""),
                events);
    }

    private String missingPorts() {
        List<String> missing = new ArrayList<>();
        if (generationPort == null) {
            missing.add("generationPort");
        }
        if (queryPort == null) {
            missing.add("queryPort");
        }
        if (accountPort == null) {
            missing.add("accountPort");
        }
        return String.join(", ", missing);
    }

    /** The HTTP adapter's settings, the same for every adapter instance this builds; checks each. */
    private LegnextHttpAdapter.Builder http() {
        LegnextHttpAdapter.Builder http =
                LegnextHttpAdapter.builder(apiKey).baseUri(baseUri).logLevel(logLevel);
        if (applicationName != null) {
            http.applicationName(applicationName);
        }
        if (connectTimeout != null) {
            http.connectTimeout(connectTimeout);
        }
        if (requestTimeout != null) {
            http.requestTimeout(requestTimeout);
        }
        if (lookupRetry != null) {
            http.lookupRetry(lookupRetry);
        }
        if (submitRetry != null) {
            http.submitRetry(submitRetry);
        }
        if (httpClient != null) {
            http.httpClient(httpClient);
        }
        return http;
    }
}
