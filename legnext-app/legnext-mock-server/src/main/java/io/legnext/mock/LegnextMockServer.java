package io.legnext.mock;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.app.webhook.NioHttpServer;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.time.ExecutorScheduler;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A local Legnext over HTTP: a {@link FakeLegnext} served at the real API's paths and in its shapes (api-spec), with
 * an admin API under {@code /__admin/} for scripted faults, so that tests in any language, CI pipelines and the
 * HTTP adapter itself have a Legnext to talk to over the wire.
 *
 * <pre>{@code
 * VirtualTime time = new VirtualTime();
 * FakeLegnext fake = FakeLegnext.builder(time).build();
 * try (LegnextMockServer server = LegnextMockServer.builder().fake(fake).start()) {
 *     LegnextHttpAdapter http = LegnextHttpAdapter.builder(ApiKey.of(server.key())).baseUri(server.url()).build();
 *     Job job = http.generate(TextToVideo.of("a lighthouse at dusk"));
 *     time.advance(Duration.ofMinutes(10));
 *     http.getJob(job.id()).isCompleted();   // true
 * }
 * }</pre>
 *
 * <p>Every request to {@code /api/...} and to the admin API (but its health check) needs the server's key in
 * {@code x-api-key}: a random one unless {@link Builder#key(String)} sets it. The server listens on 127.0.0.1
 * unless told otherwise. Thread-safe; {@link #close()} stops it (and the fake's scheduler, when the server made the
 * fake).
 */
public final class LegnextMockServer implements AutoCloseable {

    /** The fake's acceleration when the server makes the fake: as the command line's fake, 100 times real time. */
    public static final double DEFAULT_SPEED = 100;
    /** The fastest acceleration allowed, as for the command line's fake. */
    public static final double MAX_SPEED = 10_000;
    /** The account id of a fake the server makes: numeric, as api-spec's {@code account_id}. */
    public static final String DEFAULT_ACCOUNT_ID = "1";
    /** The longest key accepted. */
    public static final int MAX_KEY_LENGTH = 256;

    /**
     * One answer the server sent, for tests that check them (against api-spec, say). Holds no request header: the
     * caller's key never reaches a listener.
     *
     * @param method the request's method
     * @param path the request's path, without the query
     * @param status the answer's status
     * @param headers the answer's headers, as the handler set them (the server adds framing headers)
     * @param body the answer's body as text
     */
    public record Exchange(String method, String path, int status, Map<String, String> headers, String body) {}

    private final NioHttpServer http;
    private final FakeLegnext fake;
    private final String key;
    private final AutoCloseable ownedScheduler;

    private LegnextMockServer(NioHttpServer http, FakeLegnext fake, String key, AutoCloseable ownedScheduler) {
        this.http = http;
        this.fake = fake;
        this.key = key;
        this.ownedScheduler = ownedScheduler;
    }

    /** Configures a server; {@link Builder#start()} starts it. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:43121}: what a client's base URL is set to. */
    public URI url() {
        InetSocketAddress a = http.address();
        InetAddress host = a.getAddress();
        String text = host.getHostAddress();
        if (host instanceof Inet6Address) {
            int scope = text.indexOf('%');
            text = "[" + (scope < 0 ? text : text.substring(0, scope)) + "]";
        }
        return URI.create("http://" + text + ":" + a.getPort());
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return http.address();
    }

    /** The key every API request must carry in {@code x-api-key}. */
    public String key() {
        return key;
    }

    /** The fake behind the server: seed jobs, script faults and set the balance on it directly. */
    public FakeLegnext fake() {
        return fake;
    }

    /** Stops listening, closes every connection, and stops the fake's scheduler if the server made it; idempotent. */
    @Override
    public void close() {
        http.close();
        if (ownedScheduler != null) {
            try {
                ownedScheduler.close();
            } catch (Exception e) {
                // Nothing left to stop.
            }
        }
    }

    /** Names the URL; never the key. */
    @Override
    public String toString() {
        return "LegnextMockServer[" + url() + "]";
    }

    /** Configures a {@link LegnextMockServer}; every setting has a default. */
    public static final class Builder {

        private FakeLegnext fake;
        private int port;
        private String bind = "127.0.0.1";
        private String key;
        private Double speed;
        private String webhookSecret;
        private Boolean callbacksAnywhere;
        private System.Logger logger;
        private Consumer<Exchange> listener = e -> {};

        private Builder() {}

        /**
         * The fake to serve, which the host's test also drives (seeding, faults, {@code VirtualTime}). Unless set,
         * the server makes one on an accelerated clock ({@link #speed(double)}), with a numeric account id.
         */
        public Builder fake(FakeLegnext value) {
            this.fake = Objects.requireNonNull(value, "fake");
            return this;
        }

        /** The port, 0-65535; 0 (the default) picks a free one, which {@link LegnextMockServer#url()} tells. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("'port' must be between 0 and 65535, was " + value);
            }
            this.port = value;
            return this;
        }

        /** The address to listen on, an IP address of this machine; 127.0.0.1 (this machine only) unless set. */
        public Builder bind(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("'bind' must be an IP address, was " + value);
            }
            this.bind = value.strip();
            return this;
        }

        /**
         * The only key accepted in {@code x-api-key}: 1-{@value LegnextMockServer#MAX_KEY_LENGTH} visible ASCII
         * characters. Unless
         * set, a random one ({@link LegnextMockServer#key()} tells it).
         */
        public Builder key(String value) {
            if (value == null || value.isEmpty() || value.length() > MAX_KEY_LENGTH || !visibleAscii(value)) {
                throw new IllegalArgumentException("'key' must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters"
                        + " (no spaces), was "
                        + (value == null
                                ? "absent"
                                : "a text of " + value.length() + " characters that breaks this (not shown)"));
            }
            this.key = value;
            return this;
        }

        /**
         * How much faster than real time the fake the server makes runs, 1 to {@link LegnextMockServer#MAX_SPEED};
         * {@link LegnextMockServer#DEFAULT_SPEED} unless set. Only for a fake the server makes.
         */
        public Builder speed(double value) {
            if (!(value >= 1 && value <= MAX_SPEED)) {
                throw new IllegalArgumentException(
                        "'speed' must be between 1 and " + (long) MAX_SPEED + ", was " + value);
            }
            this.speed = value;
            return this;
        }

        /** Signs the callbacks of the fake the server makes with this secret; unsigned unless set. */
        public Builder webhookSecret(String value) {
            this.webhookSecret = value == null || value.isEmpty() ? null : value;
            return this;
        }

        /**
         * Whether the fake the server makes POSTs callbacks to any host; unless set, only to this machine
         * ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), so a test or a fuzzer that names a remote callback
         * URL sends nothing off the machine (the delivery is logged as not made).
         */
        public Builder callbacksAnywhere(boolean value) {
            this.callbacksAnywhere = value;
            return this;
        }

        /** Where the server (and the fake it makes) logs; the {@code io.legnext.mock} logger unless set. */
        public Builder logger(System.Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /** Hears every answer the server sends, on the server's threads; for checks in tests. */
        public Builder listener(Consumer<Exchange> value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalArgumentException when {@code bind} is not an IP address
         * @throws IllegalStateException when the fake's own settings were given with a fake of the host's
         * @throws IOException when the address cannot be bound (the port in use, say)
         */
        public LegnextMockServer start() throws IOException {
            if (fake != null && (speed != null || webhookSecret != null || callbacksAnywhere != null)) {
                throw new IllegalStateException("'speed', 'webhookSecret' and 'callbacksAnywhere' configure the fake"
                        + " the server makes; with fake(...) given, configure that fake itself");
            }
            InetAddress address = address(bind);
            System.Logger log = logger != null ? logger : System.getLogger("io.legnext.mock");
            String serverKey = key != null ? key : randomKey();
            FakeLegnext served = fake;
            ExecutorScheduler scheduler = null;
            if (served == null) {
                scheduler = ExecutorScheduler.create(2, speed != null ? speed : DEFAULT_SPEED);
                served = madeFake(scheduler, log);
            }
            MockApi api =
                    new MockApi(served, serverKey.getBytes(java.nio.charset.StandardCharsets.US_ASCII), log, listener);
            try {
                NioHttpServer http =
                        NioHttpServer.start("legnext-mock", new InetSocketAddress(address, port), limits(), api);
                return new LegnextMockServer(http, served, serverKey, scheduler);
            } catch (IOException | RuntimeException e) {
                if (scheduler != null) {
                    scheduler.close();
                }
                throw e;
            }
        }

        private FakeLegnext madeFake(Scheduler scheduler, System.Logger log) {
            FakeLegnext.Builder b = FakeLegnext.builder(scheduler)
                    .accountId(DEFAULT_ACCOUNT_ID)
                    // Receivers judge a signature's age by their own wall clock, not by the accelerated one.
                    .signingClock(Clock.systemUTC())
                    .logger(log)
                    .webhookSecret(webhookSecret);
            if (!Boolean.TRUE.equals(callbacksAnywhere)) {
                b.httpClient(new LoopbackOnlyHttpClient(java.net.http.HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()));
            }
            return b.build();
        }

        /** Kept-alive clients may idle between polls: a minute for a request's head, bodies of up to 1 MiB. */
        private static NioHttpServer.Limits limits() {
            return NioHttpServer.Limits.defaults()
                    .withHeaderTimeout(Duration.ofSeconds(60))
                    .withBodyTimeout(Duration.ofSeconds(30))
                    .withMaxConnections(256)
                    .withWorkerThreads(4)
                    .withMaxBodyBytes(1024 * 1024);
        }

        /** {@code localhost} or an IP literal, read without a name lookup (which could leave the machine). */
        private static InetAddress address(String text) {
            String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            boolean literal = t.matches("[0-9.]+") || t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.%a-zA-Z]+");
            try {
                if (t.equalsIgnoreCase("localhost")) {
                    return InetAddress.getByName("127.0.0.1");
                }
                if (literal) {
                    return InetAddress.getByName(t);
                }
            } catch (UnknownHostException e) {
                // not an address: said below
            }
            throw new IllegalArgumentException(
                    "'bind' must be an IP address of this machine (or localhost), was '" + text + "'");
        }

        private static String randomKey() {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            return "lk_mock_" + HexFormat.of().formatHex(bytes);
        }

        private static boolean visibleAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c <= ' ' || c > '~') {
                    return false;
                }
            }
            return true;
        }

        /** Names what is configured; never the key or the webhook secret. */
        @Override
        public String toString() {
            return "LegnextMockServer.Builder[bind=" + bind + ", port=" + port + ", key="
                    + (key == null ? "random" : "given") + ", fake=" + (fake == null ? "made" : "given") + "]";
        }
    }
}
