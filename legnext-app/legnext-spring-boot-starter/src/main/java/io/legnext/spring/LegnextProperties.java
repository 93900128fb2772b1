package io.legnext.spring;

import io.legnext.app.Legnext;
import io.legnext.core.wait.PollingPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

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

    private final Retry lookupRetry = new Retry();
    private final Retry submitRetry = new Retry();
    private final Polling polling = new Polling();
    private final Webhook webhook = new Webhook();
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
    public Retry getLookupRetry() {
        return lookupRetry;
    }

    /** Retries of submits that certainly did not reach the service. */
    public Retry getSubmitRetry() {
        return submitRetry;
    }

    /** How waits poll. */
    public Polling getPolling() {
        return polling;
    }

    /** The callback endpoint. */
    public Webhook getWebhook() {
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
        return webhook.enabled != null ? webhook.enabled : webhook.hasSecret() || resolvedAdapter() == Adapter.FAKE;
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
            throw new LegnextPropertiesException(PREFIX + ".api-key", "legnext.adapter=http needs an API key: set"
                    + " LEGNEXT_API_KEY (legnext.api-key), or remove legnext.adapter to run on the fake");
        }
        if (hasApiKey() && resolvedAdapter() == Adapter.HTTP && Boolean.TRUE.equals(webhook.enabled)
                && !webhook.hasSecret()) {
            throw new LegnextPropertiesException(PREFIX + ".webhook.secret", "legnext.webhook.enabled=true with an"
                    + " API key needs legnext.webhook.secret: without it the endpoint would accept forged callbacks"
                    + " for real jobs");
        }
    }

    private void checkBaseUrl() {
        String name = PREFIX + ".base-url";
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new LegnextPropertiesException(name, "'" + name + "' must be an absolute http or https URL, was"
                    + " empty");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new LegnextPropertiesException(name, "'" + name + "' must be an absolute http or https URL, was '"
                    + baseUrl + "' (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new LegnextPropertiesException(name, "'" + name + "' must be an absolute http or https URL with a"
                    + " host, was '" + baseUrl + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new LegnextPropertiesException(name, "'" + name + "' must not carry credentials (the key goes in"
                    + " legnext.api-key)");
        }
    }

    static void notNegative(String property, Duration value) {
        if (value != null && value.isNegative()) {
            throw new LegnextPropertiesException(PREFIX + "." + property, "'" + PREFIX + "." + property
                    + "' must not be negative, was " + value);
        }
    }

    static void positive(String property, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new LegnextPropertiesException(PREFIX + "." + property, "'" + PREFIX + "." + property
                    + "' must be positive, was " + value);
        }
    }

    @Override
    public String toString() {
        return "LegnextProperties[apiKey=" + (hasApiKey() ? "[set]" : "[not set]") + ", baseUrl=" + baseUrl
                + ", adapter=" + resolvedAdapter() + ", webhook=" + webhook + ", journal=" + journal.type + "]";
    }

    /** A retry policy; unset values keep the default policy's. */
    public static class Retry {
        /** Attempts in all, from 1 to 20. */
        private Integer maxAttempts;

        /** The first backoff ceiling. */
        private Duration initialBackoff;

        /** The largest backoff ceiling. */
        private Duration maxBackoff;

        /** The longest {@code Retry-After} honoured. */
        private Duration maxRetryAfter;

        /** The most time spent on one call, retries included. */
        private Duration deadline;

        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        public Duration getDeadline() {
            return deadline;
        }

        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }

        /** Whether any value is set. */
        public boolean isSet() {
            return maxAttempts != null || initialBackoff != null || maxBackoff != null || maxRetryAfter != null
                    || deadline != null;
        }

        void check(String name) {
            if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > 20)) {
                throw new LegnextPropertiesException(PREFIX + "." + name + ".max-attempts", "'" + PREFIX + "."
                        + name + ".max-attempts' must be between 1 and 20, was " + maxAttempts);
            }
            notNegative(name + ".initial-backoff", initialBackoff);
            notNegative(name + ".max-backoff", maxBackoff);
            notNegative(name + ".max-retry-after", maxRetryAfter);
            notNegative(name + ".deadline", deadline);
        }
    }

    /** How waits poll; unset values keep {@link PollingPolicy#defaults()}. */
    public static class Polling {
        /** The interval while a job is expected to complete (default 10 s). */
        private Duration interval;

        /** The shortest adaptive delay (default 2 s). */
        private Duration minInterval;

        /** The longest delay (default 60 s). */
        private Duration maxInterval;

        /** The relative spread of delays, 0 to 0.5 (default 0.1). */
        private Double jitter;

        /** The interval after the latest expected completion while a callback is expected (default 60 s). */
        private Duration safetyNetInterval;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getMinInterval() {
            return minInterval;
        }

        public void setMinInterval(Duration minInterval) {
            this.minInterval = minInterval;
        }

        public Duration getMaxInterval() {
            return maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        public Double getJitter() {
            return jitter;
        }

        public void setJitter(Double jitter) {
            this.jitter = jitter;
        }

        public Duration getSafetyNetInterval() {
            return safetyNetInterval;
        }

        public void setSafetyNetInterval(Duration safetyNetInterval) {
            this.safetyNetInterval = safetyNetInterval;
        }

        void check() {
            positive("polling.interval", interval);
            positive("polling.min-interval", minInterval);
            positive("polling.max-interval", maxInterval);
            positive("polling.safety-net-interval", safetyNetInterval);
            if (jitter != null && !(jitter >= 0 && jitter <= PollingPolicy.MAX_JITTER)) {
                throw new LegnextPropertiesException(PREFIX + ".polling.jitter", "'" + PREFIX + ".polling.jitter'"
                        + " must be between 0 and " + PollingPolicy.MAX_JITTER + ", was " + jitter);
            }
        }

        /** The defaults with the values set here. */
        PollingPolicy policy() {
            var builder = PollingPolicy.defaults().toBuilder();
            if (interval != null) {
                builder.interval(interval);
            }
            if (minInterval != null) {
                builder.minInterval(minInterval);
            }
            if (maxInterval != null) {
                builder.maxInterval(maxInterval);
            }
            if (jitter != null) {
                builder.jitter(jitter);
            }
            if (safetyNetInterval != null) {
                builder.safetyNetInterval(safetyNetInterval);
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw new LegnextPropertiesException(PREFIX + ".polling", PREFIX + ".polling: " + e.getMessage());
            }
        }
    }

    /** The callback endpoint (Spring MVC). */
    public static class Webhook {
        /** Where the service POSTs callbacks. */
        private String path = DEFAULT_WEBHOOK_PATH;

        /**
         * The secret deliveries are signed with (HMAC-SHA256); on the fake without one, a random secret is made for
         * the run and the fake signs with it.
         */
        private String secret;

        /** Whether the endpoint is served; default: when a secret is set, or on the fake. */
        private Boolean enabled;

        /** Whether a signed delivery without {@code X-Legnext-Timestamp} is refused (401). */
        private boolean requireTimestamp;

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isRequireTimestamp() {
            return requireTimestamp;
        }

        public void setRequireTimestamp(boolean requireTimestamp) {
            this.requireTimestamp = requireTimestamp;
        }

        /** Whether a secret is set (not empty). */
        public boolean hasSecret() {
            return secret != null && !secret.isEmpty();
        }

        void check() {
            String name = PREFIX + ".webhook.path";
            if (path == null || !path.startsWith("/") || path.length() < 2 || path.contains("*")
                    || path.contains("{") || path.chars().anyMatch(Character::isWhitespace)) {
                throw new LegnextPropertiesException(name, "'" + name + "' must be a path below the root starting"
                        + " with '/', without spaces, wildcards or variables, was '" + path + "'");
            }
            if (requireTimestamp && !hasSecret() && Boolean.TRUE.equals(enabled)) {
                throw new LegnextPropertiesException(PREFIX + ".webhook.require-timestamp", "'" + PREFIX
                        + ".webhook.require-timestamp' needs legnext.webhook.secret: nothing would vouch for the"
                        + " timestamp");
            }
        }

        @Override
        public String toString() {
            return "Webhook[path=" + path + ", secret=" + (hasSecret() ? "[set]" : "[not set]") + ", enabled="
                    + enabled + "]";
        }
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
                throw new LegnextPropertiesException(PREFIX + ".journal.directory", "'" + PREFIX
                        + ".journal.directory' must be set when legnext.journal.type=file");
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
                throw new LegnextPropertiesException(PREFIX + ".fake.speed", "'" + PREFIX + ".fake.speed' must be"
                        + " between 1 and " + (long) MAX_FAKE_SPEED + ", was " + speed);
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
                throw new LegnextPropertiesException(PREFIX + ".health.timeout", "'" + PREFIX
                        + ".health.timeout' must be set");
            }
            positive("health.timeout", timeout);
        }
    }
}
