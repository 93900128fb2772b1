package io.legnext.app.cli;

import io.legnext.core.secret.Redactor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a command runs against, resolved from options and environment variables: adapter, address, key, home and
 * the fake's speed. {@link #toString()} never shows the key.
 */
public final class Settings {

    /** The API key, read from the environment only: keys do not belong in shell history. */
    public static final String API_KEY_ENV = "LEGNEXT_API_KEY";
    /** {@code fake} or {@code http}. */
    public static final String ADAPTER_ENV = "LEGNEXT_ADAPTER";
    /** The HTTP service's address. */
    public static final String BASE_URL_ENV = "LEGNEXT_BASE_URL";
    /** Where the journal lives; default {@code ~/.legnext}. */
    public static final String HOME_ENV = "LEGNEXT_HOME";
    /** How much faster than real time the fake runs. */
    public static final String FAKE_SPEED_ENV = "LEGNEXT_FAKE_SPEED";
    /** How many of the fake account's jobs process at once (1-10000, default 6). */
    public static final String FAKE_MAX_JOBS_ENV = "LEGNEXT_FAKE_MAX_JOBS";
    /** What the fake does with a job beyond them: {@code queue} (the default) or {@code reject} (429). */
    public static final String FAKE_WHEN_BUSY_ENV = "LEGNEXT_FAKE_WHEN_BUSY";
    /** How long the fake answers for a job, in service time (default 3d); older ones are unknown. */
    public static final String FAKE_JOB_TTL_ENV = "LEGNEXT_FAKE_JOB_TTL";
    /** The webhook secret for {@code webhook serve}. */
    public static final String WEBHOOK_SECRET_ENV = "LEGNEXT_WEBHOOK_SECRET";
    /**
     * The fake's default speed: a 3-5 minute job takes 2-3 seconds, and polling at the service's advised 10-30 s
     * happens every few hundred milliseconds.
     */
    public static final double DEFAULT_FAKE_SPEED = 100;
    /** The fake never runs slower than real time. */
    public static final double MIN_FAKE_SPEED = 1;
    /**
     * The fake's fastest: a 3-5 minute job takes 20-30 ms and the default 20-minute wait 120 ms. Faster, a pause of
     * a millisecond (a thread switch, a garbage collection) is longer than a whole job, and the accelerated clock's
     * nanoseconds overflow within hours.
     */
    public static final double MAX_FAKE_SPEED = 10_000;

    /** Which adapter a command uses. */
    public enum Adapter {
        /**
         * The local fake service (kept under the home): no key, nothing charged, accelerated time; its only network
         * traffic is the POST of a job to its {@code --callback} URL, which it really sends.
         */
        FAKE,
        /** The real service over HTTP. */
        HTTP;

        /** The spelling on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Adapter adapter;
    private final boolean adapterChosen;
    private final String apiKey;
    private final URI baseUri;
    private final Path home;
    private final double fakeSpeed;
    private final boolean verbose;
    private final Redactor redactor;
    private final FakeLimits fakeLimits;

    /**
     * The fake service's limits.
     *
     * @param maxJobs how many of the account's jobs process at once
     * @param rejectWhenBusy whether one beyond them is refused with 429 rather than queued
     * @param jobTtl how long a job is answered for, in service time
     */
    public record FakeLimits(int maxJobs, boolean rejectWhenBusy, Duration jobTtl) {}

    private Settings(
            Adapter adapter,
            boolean adapterChosen,
            String apiKey,
            URI baseUri,
            Path home,
            double fakeSpeed,
            boolean verbose,
            Redactor redactor,
            FakeLimits fakeLimits) {
        this.redactor = redactor;
        this.fakeLimits = fakeLimits;
        this.adapter = adapter;
        this.adapterChosen = adapterChosen;
        this.apiKey = apiKey;
        this.baseUri = baseUri;
        this.home = home;
        this.fakeSpeed = fakeSpeed;
        this.verbose = verbose;
    }

    /**
     * Resolves the settings: an option wins over its environment variable; the adapter defaults to {@code http}
     * when an API key is set, else {@code fake}.
     *
     * @throws CliUsageException when a value is malformed
     */
    static Settings resolve(GlobalOptions options, Map<String, String> env, Path userHome) {
        String key = blankToNull(env.get(API_KEY_ENV));
        String adapterText = firstOf(options.adapter, env.get(ADAPTER_ENV));
        Adapter adapter;
        if (adapterText == null) {
            adapter = key != null ? Adapter.HTTP : Adapter.FAKE;
        } else {
            adapter = switch (adapterText.strip().toLowerCase(Locale.ROOT)) {
                case "fake" -> Adapter.FAKE;
                case "http" -> Adapter.HTTP;
                default ->
                    throw new CliUsageException(
                            "'--adapter' (or " + ADAPTER_ENV + ") must be fake or http, was '" + adapterText + "'");
            };
        }
        String base = firstOf(options.baseUrl, env.get(BASE_URL_ENV));
        URI baseUri = base == null ? io.legnext.app.Legnext.DEFAULT_BASE_URI : parseBaseUrl(base);
        String homeText = blankToNull(env.get(HOME_ENV));
        Path home = homeText != null ? Path.of(homeText) : userHome.resolve(".legnext");
        double speed = options.fakeSpeed != null ? options.fakeSpeed : parseSpeed(blankToNull(env.get(FAKE_SPEED_ENV)));
        if (!(speed >= MIN_FAKE_SPEED && speed <= MAX_FAKE_SPEED)) {
            throw new CliUsageException("'--fake-speed' (or " + FAKE_SPEED_ENV + ") must be between "
                    + number(MIN_FAKE_SPEED) + " and " + number(MAX_FAKE_SPEED) + ", was " + number(speed));
        }
        return new Settings(
                adapter,
                adapterText != null,
                key,
                baseUri,
                home,
                speed,
                options.verbose,
                redactor(env),
                parseFakeLimits(env));
    }

    private static FakeLimits parseFakeLimits(Map<String, String> env) {
        String maxText = blankToNull(env.get(FAKE_MAX_JOBS_ENV));
        int max = 6;
        if (maxText != null) {
            String bound = FAKE_MAX_JOBS_ENV + " must be a whole number between 1 and 10000, was '" + maxText + "'";
            if (!maxText.strip().matches("[0-9]{1,6}")) {
                throw new CliUsageException(bound);
            }
            max = Integer.parseInt(maxText.strip());
            if (max < 1 || max > 10_000) {
                throw new CliUsageException(bound);
            }
        }
        String busy = blankToNull(env.get(FAKE_WHEN_BUSY_ENV));
        boolean reject = false;
        if (busy != null) {
            reject = switch (busy.strip().toLowerCase(Locale.ROOT)) {
                case "queue" -> false;
                case "reject" -> true;
                default ->
                    throw new CliUsageException(FAKE_WHEN_BUSY_ENV + " must be queue or reject, was '" + busy + "'");
            };
        }
        String ttlText = blankToNull(env.get(FAKE_JOB_TTL_ENV));
        Duration ttl = Duration.ofDays(3);
        if (ttlText != null) {
            try {
                ttl = DurationConverter.parse(ttlText);
            } catch (picocli.CommandLine.TypeConversionException e) {
                throw new CliUsageException(FAKE_JOB_TTL_ENV + " must be a duration of at least 1s (e.g. 3d, 12h,"
                        + " 90m), was '" + ttlText + "'");
            }
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new CliUsageException(FAKE_JOB_TTL_ENV + " must be at least 1s, was '" + ttlText + "'");
            }
        }
        return new FakeLimits(max, reject, ttl);
    }

    /**
     * An absolute http(s) URL with no credentials, query or fragment: the key travels in a header only, so that it
     * is never written into the journal or shown as part of the service's address, and every path is appended to a
     * plain base.
     */
    private static URI parseBaseUrl(String text) {
        String shown = "'" + Redactor.URL_CREDENTIALS.redact(text) + "'";
        String name = "'--base-url' (or " + BASE_URL_ENV + ")";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new CliUsageException(name + " must be an absolute http or https URL, was " + shown);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null
                || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new CliUsageException(name + " must not carry credentials (user:password@); the key goes in "
                    + API_KEY_ENV + " only. Was " + shown);
        }
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new CliUsageException(name + " must be an absolute http or https URL, was " + shown);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new CliUsageException(name + " must not carry a query (?...) or a fragment (#...), was " + shown);
        }
        return uri;
    }

    /** {@code 100}, {@code 0.5} or {@code 1.0E308}: what was given, without a needless {@code .0}. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static double parseSpeed(String text) {
        if (text == null) {
            return DEFAULT_FAKE_SPEED;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new CliUsageException(FAKE_SPEED_ENV + " must be a number between " + number(MIN_FAKE_SPEED) + " and "
                    + number(MAX_FAKE_SPEED) + ", was '" + text + "'");
        }
    }

    private static String firstOf(String option, String env) {
        String o = blankToNull(option);
        return o != null ? o : blankToNull(env);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The adapter to use. */
    public Adapter adapter() {
        return adapter;
    }

    /** Whether the adapter was chosen explicitly rather than by default. */
    public boolean adapterChosen() {
        return adapterChosen;
    }

    /** The API key from the environment, if set; never print it. */
    Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** Masks this run's secrets (the key, the webhook secret) and URL credentials in what is printed or stored. */
    public Redactor redactor() {
        return redactor;
    }

    /** Masks the secrets these environment variables hold, and URL credentials. */
    static Redactor redactor(Map<String, String> env) {
        return Redactor.of(env.get(API_KEY_ENV), env.get(WEBHOOK_SECRET_ENV));
    }

    /** The HTTP service's address. */
    public URI baseUri() {
        return baseUri;
    }

    /** The legnext home: the journal lives here. */
    public Path home() {
        return home;
    }

    /** How much faster than real time the fake runs. */
    public double fakeSpeed() {
        return fakeSpeed;
    }

    /** The fake service's limits (from the environment). */
    public FakeLimits fakeLimits() {
        return fakeLimits;
    }

    /** Where the local fake service keeps its jobs: {@code fake/} under the home. */
    public Path fakeStore() {
        return home.resolve("fake");
    }

    /** Whether to log and show stack traces. */
    public boolean verbose() {
        return verbose;
    }

    @Override
    public String toString() {
        return "Settings[adapter=" + adapter.label() + ", baseUri=" + baseUri + ", home=" + home + ", apiKey="
                + (apiKey == null ? "unset" : "set") + ", fakeSpeed=" + fakeSpeed + "]";
    }

    /** The global options as parsed; filled in by {@link LegnextCli}. */
    static final class GlobalOptions {
        boolean json;
        boolean quiet;
        boolean verbose;
        String adapter;
        String baseUrl;
        Double fakeSpeed;
    }
}
