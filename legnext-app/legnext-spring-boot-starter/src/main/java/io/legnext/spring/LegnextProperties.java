package io.legnext.spring;

import io.legnext.app.Legnext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code legnext.*} properties. {@code legnext.api-key} binds from {@code LEGNEXT_API_KEY} by Spring's relaxed
 * binding; without a key the starter runs on the in-memory fake. Checked once bound ({@link #afterPropertiesSet()}):
 * a bad value fails the start with a message naming the property, its bound and its value. The key never appears in
 * {@link #toString()} or in any message.
 */
@ConfigurationProperties(prefix = LegnextProperties.PREFIX)
public class LegnextProperties implements InitializingBean {

    /** The prefix of every property. */
    public static final String PREFIX = "legnext";
    /** The webhook endpoint's default path. */
    public static final String DEFAULT_WEBHOOK_PATH = "/legnext/callback";
    /** The fake's default speed: 100x, a 3-5 minute job in 2-3 s, as the command line runs it. */
    public static final double DEFAULT_FAKE_SPEED = 100;
    /** The fake's highest speed. */
    public static final double MAX_FAKE_SPEED = 10_000;

    /** Which adapter serves the use cases. */
    public enum Adapter {
        /** The real service over HTTP; needs {@code legnext.api-key}. */
        HTTP,
        /** The in-memory fake: nothing is charged, nothing leaves the process but its callbacks. */
        FAKE
    }

    /** Where accepted jobs are recorded. */
    public enum JournalType {
        /** In memory, for the life of the application. */
        MEMORY,
        /** In {@code legnext.journal.directory}, the command line's journal format. */
        FILE
    }

    /** The API key (sent in {@code x-api-key}); set it through {@code LEGNEXT_API_KEY}, never in a committed file. */
    private String apiKey;

    /** The HTTP service's address. */
    private String baseUrl = Legnext.DEFAULT_BASE_URI.toString();

    /** {@code http} or {@code fake}; default: http when an API key is set, fake otherwise. */
    private Adapter adapter;

    /** The product token sent in the User-Agent, e.g. {@code my-app/2.1}. */
    private String applicationName;

    /** Time to connect to the HTTP service; default 10 s (the HTTP adapter's). */
    private Duration connectTimeout;

    /** Time for one HTTP request to be answered; default 30 s (the HTTP adapter's). */
    private Duration requestTimeout;

    @NestedConfigurationProperty
    private final LegnextRetryProperties lookupRetry = new LegnextRetryProperties();

    @NestedConfigurationProperty
    private final LegnextRetryProperties submitRetry = new LegnextRetryProperties();

    @NestedConfigurationProperty
    private final LegnextPollingProperties polling = new LegnextPollingProperties();

    @NestedConfigurationProperty
    private final LegnextWebhookProperties webhook = new LegnextWebhookProperties();

    private final Journal journal = new Journal();
    private final Fake fake = new Fake();
    private final Health health = new Health();

    /** The key, or null; never log it. */
    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Adapter getAdapter() {
        return adapter;
    }

    public void setAdapter(Adapter adapter) {
        this.adapter = adapter;
    }

    public String getApplicationName() {
        return applicationName;
    }

    public void setApplicationName(String applicationName) {
        this.applicationName = applicationName;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /** Retries of direct lookups ({@code getJob}, {@code getBalance}) over HTTP. */
    public LegnextRetryProperties getLookupRetry() {
        return lookupRetry;
    }

    /** Retries of submits that certainly did not reach the service. */
    public LegnextRetryProperties getSubmitRetry() {
        return submitRetry;
    }

    /** How waits poll. */
    public LegnextPollingProperties getPolling() {
        return polling;
    }

    /** The callback endpoint. */
    public LegnextWebhookProperties getWebhook() {
        return webhook;
    }

    /** Where accepted jobs are recorded. */
    public Journal getJournal() {
        return journal;
    }

    /** The in-memory fake, when it is the adapter. */
    public Fake getFake() {
        return fake;
    }

    /** The {@code legnext} health indicator. */
    public Health getHealth() {
        return health;
    }

    /** Whether an API key is set (not blank). */
    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** The adapter in use: the one asked for, else http with a key and fake without. */
    public Adapter resolvedAdapter() {
        return adapter != null ? adapter : hasApiKey() ? Adapter.HTTP : Adapter.FAKE;
    }

    /** Whether the webhook endpoint is served: as asked, else when a secret is set or on the fake. */
    public boolean webhookServed() {
        return webhook.getEnabled() != null
                ? webhook.getEnabled()
                : webhook.hasSecret() || resolvedAdapter() == Adapter.FAKE;
    }

    /** The base URL as a URI; call after {@link #afterPropertiesSet()}. */
    public URI baseUri() {
        return URI.create(baseUrl.trim());
    }

    /**
     * Checks every value.
     *
     * @throws LegnextPropertiesException naming the first bad property, its bound and its value
     */
    @Override
    public void afterPropertiesSet() {
        checkBaseUrl();
        notNegative("connect-timeout", connectTimeout);
        notNegative("request-timeout", requestTimeout);
        lookupRetry.check("lookup-retry");
        submitRetry.check("submit-retry");
        polling.check();
        health.check();
        fake.check();
        webhook.check();
        journal.check();
        if (resolvedAdapter() == Adapter.HTTP && !hasApiKey()) {
            throw new LegnextPropertiesException(
                    PREFIX + ".api-key",
                    "legnext.adapter=http needs an API key: set"
                            + " LEGNEXT_API_KEY (legnext.api-key), or remove legnext.adapter to run on the fake");
        }
        if (hasApiKey()
                && resolvedAdapter() == Adapter.HTTP
                && Boolean.TRUE.equals(webhook.getEnabled())
                && !webhook.hasSecret()) {
            throw new LegnextPropertiesException(
                    PREFIX + ".webhook.secret",
                    "legnext.webhook.enabled=true with an"
                            + " API key needs legnext.webhook.secret: without it the endpoint would accept forged callbacks"
                            + " for real jobs");
        }
    }

    private void checkBaseUrl() {
        String name = PREFIX + ".base-url";
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new LegnextPropertiesException(
                    name, "'" + name + "' must be an absolute http or https URL, was" + " empty");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new LegnextPropertiesException(
                    name,
                    "'" + name + "' must be an absolute http or https URL, was '" + baseUrl + "' (" + e.getReason()
                            + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new LegnextPropertiesException(
                    name,
                    "'" + name + "' must be an absolute http or https URL with a" + " host, was '" + baseUrl + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new LegnextPropertiesException(
                    name, "'" + name + "' must not carry credentials (the key goes in" + " legnext.api-key)");
        }
    }

    static void notNegative(String property, Duration value) {
        if (value != null && value.isNegative()) {
            throw new LegnextPropertiesException(
                    PREFIX + "." + property, "'" + PREFIX + "." + property + "' must not be negative, was " + value);
        }
    }

    static void positive(String property, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new LegnextPropertiesException(
                    PREFIX + "." + property, "'" + PREFIX + "." + property + "' must be positive, was " + value);
        }
    }

    @Override
    public String toString() {
        return "LegnextProperties[apiKey=" + (hasApiKey() ? "[set]" : "[not set]") + ", baseUrl=" + baseUrl
                + ", adapter=" + resolvedAdapter() + ", webhook=" + webhook + ", journal=" + journal.type + "]";
    }

    /** Where accepted jobs are recorded. */
    public static class Journal {
        /** {@code memory} or {@code file}. */
        private JournalType type = JournalType.MEMORY;

        /** The journal's directory when the type is {@code file}. */
        private Path directory;

        public JournalType getType() {
            return type;
        }

        public void setType(JournalType type) {
            this.type = type;
        }

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        void check() {
            if (type == JournalType.FILE && directory == null) {
                throw new LegnextPropertiesException(
                        PREFIX + ".journal.directory",
                        "'" + PREFIX + ".journal.directory' must be set when legnext.journal.type=file");
            }
        }
    }

    /** The in-memory fake. */
    public static class Fake {
        /** How much faster than real time its jobs run, 1 to 10000. */
        private double speed = DEFAULT_FAKE_SPEED;

        public double getSpeed() {
            return speed;
        }

        public void setSpeed(double speed) {
            this.speed = speed;
        }

        void check() {
            if (!(speed >= 1 && speed <= MAX_FAKE_SPEED)) {
                throw new LegnextPropertiesException(
                        PREFIX + ".fake.speed",
                        "'" + PREFIX + ".fake.speed' must be" + " between 1 and " + (long) MAX_FAKE_SPEED + ", was "
                                + speed);
            }
        }
    }

    /** The {@code legnext} health indicator. */
    public static class Health {
        /** How long the account may take to answer before the indicator reports DOWN. */
        private Duration timeout = Duration.ofSeconds(5);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        void check() {
            if (timeout == null) {
                throw new LegnextPropertiesException(
                        PREFIX + ".health.timeout", "'" + PREFIX + ".health.timeout' must be set");
            }
            positive("health.timeout", timeout);
        }
    }
}
