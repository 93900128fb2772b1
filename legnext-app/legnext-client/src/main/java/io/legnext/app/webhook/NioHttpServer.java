package io.legnext.app.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 server: one selector thread reads every connection without blocking and hands a request to the
 * {@link Handler} on a worker thread only once it has arrived whole, so a slow or silent client ties up no thread.
 *
 * <p>Each request must send its head within {@link Limits#headerTimeout()} (counted from the connection's opening,
 * or from the previous answer on a kept-alive connection) and its body within {@link Limits#bodyTimeout()} (counted
 * from the end of the head); past either the connection is dropped without an answer. Bodies come with a
 * Content-Length or chunked; {@code Expect: 100-continue} is answered. A declared body over
 * {@link Limits#maxBodyBytes()} is answered 413 at once, a chunked one as soon as it passes the limit. Connections
 * are kept alive (HTTP/1.1, unless {@code Connection: close}); HTTP/1.0 ones are closed after the answer. At most
 * {@link Limits#maxConnections()} are open: a new one closes the oldest that is not being answered. Every close that
 * follows an answer is graceful: the output is shut, then what the client still sends is read and thrown away for
 * a bounded time and size, so that the client reads the answer instead of a reset.
 */
public final class NioHttpServer implements AutoCloseable {

    /** Answers complete requests; called on worker threads, possibly several at once. */
    public interface Handler {

        /** The answer to one request, which has arrived whole. */
        Response handle(Request request);

        /**
         * The server refused a request itself, before it reached {@link #handle}: with the status it answered
         * (400, 413, 417, 431, 501, 505), or 408 for a connection dropped unanswered (too slow, or closed to make
         * room). Called on a worker thread, never on the selector's.
         */
        default void refused(int status, String why) {}

        /**
         * The answer sent when the server refuses a request itself (see {@link #refused}): by default a short plain
         * text. A handler that speaks a protocol of its own shapes it here. Called on the selector's thread: it must
         * be quick and must not block; if it fails, the plain text is sent.
         */
        default Response refusal(int status, String why) {
            return Response.text(status, why);
        }
    }

    /** One request as received: the body is the server's own copy, handed over. */
    public record Request(
            String method,
            String target,
            String version,
            Map<String, List<String>> headers,
            byte[] body,
            SocketAddress remote) {

        /** The request's path: its target without the query, {@code /} for an absolute target without one. */
        public String path() {
            String t = target;
            int scheme = t.indexOf("://");
            if (!t.startsWith("/") && scheme > 0) {
                int slash = t.indexOf('/', scheme + 3);
                t = slash < 0 ? "/" : t.substring(slash);
            }
            int query = t.indexOf('?');
            return query < 0 ? t : t.substring(0, query);
        }

        /** The first value of a header (names match in any case), or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** Names the method, target and header names only: header values may carry credentials. */
        @Override
        public String toString() {
            return "Request[" + method + " " + target + " " + version + ", headers=" + headers.keySet() + ", "
                    + body.length + " body bytes]";
        }
    }

    /** One answer: the server adds Content-Length, Connection and Date itself. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        /** Checks the status and that no header can break the framing. */
        public Response {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("'status' must be between 200 and 599, was " + status);
            }
            Objects.requireNonNull(body, "body");
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                String value = Objects.requireNonNull(h.getValue(), "header value");
                if (!HttpSyntax.isToken(h.getKey()) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("a response header must be a token and a value without line"
                            + " breaks, was '" + h.getKey() + "'");
                }
            }
        }

        /** A plain-text answer: {@code text} and a line break. */
        public static Response text(int status, String text) {
            return new Response(
                    status,
                    Map.of("Content-Type", "text/plain; charset=utf-8"),
                    (text + "\n").getBytes(StandardCharsets.UTF_8));
        }

        /** This answer with one more header (or a header replaced). */
        public Response withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, more, body);
        }

        /** Names the status and the body's size. */
        @Override
        public String toString() {
            return "Response[" + status + ", headers=" + headers.keySet() + ", " + body.length + " body bytes]";
        }
    }

    /**
     * The server's deadlines and bounds: durations positive, counts at least 1 (the drained bytes at least 0), heads
     * at least 256 bytes.
     */
    public record Limits(
            Duration headerTimeout,
            Duration bodyTimeout,
            int maxBodyBytes,
            int maxHeaderBytes,
            int maxConnections,
            int workerThreads,
            Duration drainTimeout,
            long maxDrainBytes) {

        /** Checks each bound, naming it. */
        public Limits {
            positive("headerTimeout", headerTimeout);
            positive("bodyTimeout", bodyTimeout);
            positive("drainTimeout", drainTimeout);
            between("maxBodyBytes", maxBodyBytes, 1, Integer.MAX_VALUE - 8);
            between("maxHeaderBytes", maxHeaderBytes, 256, 1024 * 1024);
            between("maxConnections", maxConnections, 1, 100_000);
            between("workerThreads", workerThreads, 1, 1024);
            between("maxDrainBytes", maxDrainBytes, 0, Long.MAX_VALUE);
        }

        /**
         * 5 s for a head, 10 s for a body, 1 MiB bodies, 32 KiB heads, 64 connections, 4 workers, and up to 2 s or
         * 64 MiB of an unwanted body read after a refusal.
         */
        public static Limits defaults() {
            return new Limits(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    1024 * 1024,
                    32 * 1024,
                    64,
                    4,
                    Duration.ofSeconds(2),
                    64L * 1024 * 1024);
        }

        /** These limits with another head deadline. */
        public Limits withHeaderTimeout(Duration value) {
            return with(d -> d.headerTimeout = value);
        }

        /** These limits with another body deadline. */
        public Limits withBodyTimeout(Duration value) {
            return with(d -> d.bodyTimeout = value);
        }

        /** These limits with another largest body. */
        public Limits withMaxBodyBytes(int value) {
            return with(d -> d.maxBodyBytes = value);
        }

        /** These limits with another largest head. */
        public Limits withMaxHeaderBytes(int value) {
            return with(d -> d.maxHeaderBytes = value);
        }

        /** These limits with another number of connections open at once. */
        public Limits withMaxConnections(int value) {
            return with(d -> d.maxConnections = value);
        }

        /** These limits with another number of worker threads. */
        public Limits withWorkerThreads(int value) {
            return with(d -> d.workerThreads = value);
        }

        /** These limits with another bound on reading what follows a refusal. */
        public Limits withDrain(Duration timeout, long bytes) {
            return with(d -> {
                d.drainTimeout = timeout;
                d.maxDrainBytes = bytes;
            });
        }

        /** A copy of these limits with {@code change} made, checked like any other. */
        private Limits with(Consumer<Draft> change) {
            Draft draft = new Draft(this);
            change.accept(draft);
            return new Limits(
                    draft.headerTimeout,
                    draft.bodyTimeout,
                    draft.maxBodyBytes,
                    draft.maxHeaderBytes,
                    draft.maxConnections,
                    draft.workerThreads,
                    draft.drainTimeout,
                    draft.maxDrainBytes);
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("'" + name + "' must be a positive duration, was " + value);
            }
        }

        private static void between(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        "'" + name + "' must be between " + min + " and " + max + ", was " + value);
            }
        }

        /** The mutable copy of {@link Limits} that each {@code with} method changes in one place. */
        private static final class Draft {
            Duration headerTimeout;
            Duration bodyTimeout;
            int maxBodyBytes;
            int maxHeaderBytes;
            int maxConnections;
            int workerThreads;
            Duration drainTimeout;
            long maxDrainBytes;

            Draft(Limits limits) {
                headerTimeout = limits.headerTimeout;
                bodyTimeout = limits.bodyTimeout;
                maxBodyBytes = limits.maxBodyBytes;
                maxHeaderBytes = limits.maxHeaderBytes;
                maxConnections = limits.maxConnections;
                workerThreads = limits.workerThreads;
                drainTimeout = limits.drainTimeout;
                maxDrainBytes = limits.maxDrainBytes;
            }
        }
    }

    private final SelectorLoop loop;
    private final Limits limits;
    private final AtomicBoolean closing = new AtomicBoolean();

    private NioHttpServer(SelectorLoop loop, Limits limits) {
        this.loop = loop;
        this.limits = limits;
    }

    /**
     * Starts listening.
     *
     * @param name names the server's threads
     * @param address where to listen; port 0 picks a free port
     * @param limits deadlines and bounds
     * @param handler answers requests
     * @throws IOException when the address cannot be bound
     */
    public static NioHttpServer start(String name, InetSocketAddress address, Limits limits, Handler handler)
            throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(handler, "handler");
        NioHttpServer server = new NioHttpServer(new SelectorLoop(name, address, limits, handler), limits);
        server.loop.start();
        return server;
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return loop.address();
    }

    /** The limits in force. */
    public Limits limits() {
        return limits;
    }

    /** How many connections are open now, whatever their state. */
    public int openConnections() {
        return loop.openConnections();
    }

    /** Stops listening, closes every connection at once and ends the server's threads; idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        loop.stop();
    }
}
