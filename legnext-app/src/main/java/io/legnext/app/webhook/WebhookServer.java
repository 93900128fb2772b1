package io.legnext.app.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.legnext.core.domain.CallbackRejectedException;
import io.legnext.core.domain.Job;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Driving adapter: receives the service's callback POSTs over HTTP (the JDK's server) and hands each raw body and
 * its headers to a {@link ReceiveCallbackUseCase}; answers 200 for accepted and duplicate deliveries, 401 for a
 * bad signature or a stale timestamp, 413 for a body over the limit and 400 for anything that is not a task; a
 * body that takes too long to arrive gets no answer: the connection is dropped.
 *
 * <p>Connections are served by {@link #THREADS} threads, so one slow client does not hold up the others; a body
 * must arrive within {@link #DEFAULT_BODY_READ_TIMEOUT}, and no more than {@link #MAX_BODY_BYTES} of it is kept
 * (an oversized one is drained within the same deadline and a bounded size, then answered 413). A client that
 * sends nothing at all still holds one thread until it disconnects: the JDK's server cannot time out a silent
 * read, so keep the server behind a proxy when it faces the internet.
 */
public final class WebhookServer implements AutoCloseable {

    /** The largest body kept; a task object is a few kilobytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /**
     * How much of an oversized body is read and thrown away, within the body's deadline, so that the 413 reaches
     * the sender (a connection closed with unread bytes is reset, and the answer may be lost); past either bound the
     * connection is dropped without an answer.
     */
    static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;
    /** How many connections are served at once. */
    public static final int THREADS = 4;
    /**
     * How long a body may take to arrive, from its first read to its last: the service sends a few kilobytes at
     * once, so only a stalled or hostile client comes near it.
     */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);

    /** Hears of what the server did with each delivery; called for one delivery at a time, never concurrently. */
    public interface Events {
        /** A new job state arrived and was accepted. */
        void accepted(Job job);

        /** The same job state arrived again; answered 200 and otherwise ignored. */
        default void duplicate() {
        }

        /** A delivery was refused with this status. */
        void rejected(int status, String why);
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts listening.
     *
     * @param address where to listen; port 0 picks a free port
     * @param path the path callbacks are POSTed to, e.g. {@code /}
     * @param receiver verifies and ingests deliveries
     * @param events hears of each delivery
     * @throws IOException when the address cannot be bound
     */
    public static WebhookServer start(InetSocketAddress address, String path, ReceiveCallbackUseCase receiver,
            Events events) throws IOException {
        return start(address, path, receiver, events, DEFAULT_BODY_READ_TIMEOUT);
    }

    /**
     * Starts listening, giving each body at most {@code bodyReadTimeout} to arrive.
     *
     * @see #start(InetSocketAddress, String, ReceiveCallbackUseCase, Events)
     */
    public static WebhookServer start(InetSocketAddress address, String path, ReceiveCallbackUseCase receiver,
            Events events, Duration bodyReadTimeout) throws IOException {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("'bodyReadTimeout' must be positive, was " + bodyReadTimeout);
        }
        HttpServer server = HttpServer.create(address, 0);
        AtomicInteger threads = new AtomicInteger();
        // Several threads, so that one slow client does not block every delivery; events still come one at a time.
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "legnext-webhook-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        Object order = new Object();
        server.createContext(path, exchange -> handle(exchange, receiver, events, bodyReadTimeout, order));
        server.start();
        return new WebhookServer(server, executor);
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, ReceiveCallbackUseCase receiver, Events events,
            Duration bodyReadTimeout, Object order) throws IOException {
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                answer(exchange, 405, "POST callbacks here");
                return;
            }
            Body body = readBody(exchange.getRequestBody(), bodyReadTimeout);
            if (body.tooSlow) {
                // No answer: closing an exchange that has not answered drops the connection at once, where an
                // answer would first have the JDK's server read on from the slow client.
                synchronized (order) {
                    events.rejected(408, "body not received within " + bodyReadTimeout.toMillis() + " ms; connection"
                            + " dropped");
                }
                return;
            }
            if (body.bytes == null) {
                // The rest of the body is not read; the connection is closed after the answer.
                exchange.getResponseHeaders().set("Connection", "close");
                synchronized (order) {
                    events.rejected(413, "body larger than " + MAX_BODY_BYTES + " bytes");
                }
                answer(exchange, 413, "body too large");
                return;
            }
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            int status;
            synchronized (order) {
                status = deliver(receiver, events, body.bytes, headers);
            }
            answer(exchange, status, status == 200 ? "ok" : status == 401 ? "unauthorized" : "rejected");
        }
    }

    /** Hands one body to the receiver and tells the events; answers the status to reply with. */
    private static int deliver(ReceiveCallbackUseCase receiver, Events events, byte[] body,
            Map<String, List<String>> headers) {
        try {
            Optional<Job> job = receiver.receive(body, headers);
            if (job.isPresent()) {
                events.accepted(job.get());
            } else {
                events.duplicate();
            }
            return 200;
        } catch (CallbackRejectedException e) {
            int status = e.reason().httpStatus();
            events.rejected(status, e.getMessage());
            return status;
        } catch (RuntimeException e) {
            events.rejected(400, e.getClass().getSimpleName() + ": " + e.getMessage());
            return 400;
        }
    }

    /**
     * Reads a body of at most {@link #MAX_BODY_BYTES}; past it, keeps nothing more and only drains the rest (up to
     * {@link #MAX_DRAINED_BYTES}). Gives up once the body has taken longer than {@code timeout}, checked after every
     * read, so a client trickling bytes is cut off at the deadline.
     */
    private static Body readBody(InputStream in, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[16 * 1024];
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        long drained = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (System.nanoTime() - deadline > 0) {
                return new Body(null, true);
            }
            if (body.size() + n <= MAX_BODY_BYTES && drained == 0) {
                body.write(buffer, 0, n);
            } else {
                drained += n;
                if (drained > MAX_DRAINED_BYTES) {
                    return new Body(null, true);
                }
            }
        }
        return drained > 0 ? new Body(null, false) : new Body(body.toByteArray(), false);
    }

    /** A body read whole, or null: too slow (or too large to drain), else too large. */
    private record Body(byte[] bytes, boolean tooSlow) {
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening at once and ends the server's thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
