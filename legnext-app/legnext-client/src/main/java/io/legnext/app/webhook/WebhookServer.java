package io.legnext.app.webhook;

import io.legnext.core.callback.CallbackRejectedException;
import io.legnext.core.job.Job;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Driving adapter: receives the service's callback POSTs over HTTP ({@link NioHttpServer}) and hands each raw body
 * and its headers to a {@link ReceiveCallbackUseCase}; answers 200 for accepted and duplicate deliveries, 401 for a
 * bad signature or a stale timestamp, 413 for a body over the limit, 400 for anything that is not a task, 405 for
 * anything but a POST and 404 outside its path; a request that takes too long to arrive gets no answer: the
 * connection is dropped.
 *
 * <p>No thread waits on a client: requests are read without blocking and reach the receiver only once whole, so
 * silent or trickling clients delay no other delivery. A request's head must arrive within
 * {@link #DEFAULT_HEADER_READ_TIMEOUT} and its body within {@link #DEFAULT_BODY_READ_TIMEOUT} of it; at most
 * {@link #DEFAULT_MAX_CONNECTIONS} connections are open, a new one closing the oldest still waiting for its
 * request; a body declared over {@link #MAX_BODY_BYTES} is answered 413 at once and the connection closed gracefully.
 */
public final class WebhookServer implements AutoCloseable {

    /** The largest body kept; a task object is a few kilobytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /**
     * How much of a refused body is read and thrown away after the answer, within {@link #DRAIN_TIMEOUT}, so that
     * the 413 reaches the sender (a connection closed with unread bytes is reset, and the answer may be lost).
     */
    static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;
    /** How long what follows a refusal is read and thrown away, at most. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /** How many complete requests are handled at once; deliveries still reach the {@link Events} one at a time. */
    public static final int THREADS = 4;
    /**
     * How long a body may take to arrive, from the end of its request's head: the service sends a few kilobytes at
     * once, so only a stalled or hostile client comes near it.
     */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);
    /** How long a request's head may take to arrive, from the connection's opening (or the previous answer). */
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(5);
    /** How many connections may be open at once. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    /** Hears of what the server did with each delivery; called for one delivery at a time, never concurrently. */
    public interface Events {
        /** A new job state arrived and was accepted. */
        void accepted(Job job);

        /** The same job state arrived again; answered 200 and otherwise ignored. */
        default void duplicate() {}

        /** A delivery was refused with this status; 408 means the connection was dropped without an answer. */
        void rejected(int status, String why);
    }

    private final NioHttpServer http;

    private WebhookServer(NioHttpServer http) {
        this.http = http;
    }

    /** The limits {@link #start(InetSocketAddress, String, ReceiveCallbackUseCase, Events)} serves with. */
    public static NioHttpServer.Limits defaultLimits() {
        return NioHttpServer.Limits.defaults()
                .withHeaderTimeout(DEFAULT_HEADER_READ_TIMEOUT)
                .withBodyTimeout(DEFAULT_BODY_READ_TIMEOUT)
                .withMaxBodyBytes(MAX_BODY_BYTES)
                .withMaxConnections(DEFAULT_MAX_CONNECTIONS)
                .withWorkerThreads(THREADS)
                .withDrain(DRAIN_TIMEOUT, MAX_DRAINED_BYTES);
    }

    /**
     * Starts listening.
     *
     * @param address where to listen; port 0 picks a free port
     * @param path the path callbacks are POSTed to, e.g. {@code /}; paths below it are served too
     * @param receiver verifies and ingests deliveries
     * @param events hears of each delivery
     * @throws IOException when the address cannot be bound
     */
    public static WebhookServer start(
            InetSocketAddress address, String path, ReceiveCallbackUseCase receiver, Events events) throws IOException {
        return start(address, path, receiver, events, defaultLimits());
    }

    /**
     * Starts listening, giving each body at most {@code bodyReadTimeout} to arrive.
     *
     * @see #start(InetSocketAddress, String, ReceiveCallbackUseCase, Events)
     */
    public static WebhookServer start(
            InetSocketAddress address,
            String path,
            ReceiveCallbackUseCase receiver,
            Events events,
            Duration bodyReadTimeout)
            throws IOException {
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("'bodyReadTimeout' must be positive, was " + bodyReadTimeout);
        }
        return start(address, path, receiver, events, defaultLimits().withBodyTimeout(bodyReadTimeout));
    }

    /**
     * Starts listening with other deadlines and bounds (see {@link #defaultLimits()}).
     *
     * @see #start(InetSocketAddress, String, ReceiveCallbackUseCase, Events)
     */
    public static WebhookServer start(
            InetSocketAddress address,
            String path,
            ReceiveCallbackUseCase receiver,
            Events events,
            NioHttpServer.Limits limits)
            throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(limits, "limits");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("'path' must start with /, was '" + path + "'");
        }
        return new WebhookServer(
                NioHttpServer.start("legnext-webhook", address, limits, new Deliveries(path, receiver, events)));
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return http.address();
    }

    /** How many connections are open now. */
    int openConnections() {
        return http.openConnections();
    }

    /** Stops listening at once, closes every connection and ends the server's threads. */
    @Override
    public void close() {
        http.close();
    }

    /** Turns requests into deliveries; holds one lock so that the events hear of one at a time. */
    private static final class Deliveries implements NioHttpServer.Handler {
        private final String path;
        private final ReceiveCallbackUseCase receiver;
        private final Events events;
        private final Object order = new Object();

        Deliveries(String path, ReceiveCallbackUseCase receiver, Events events) {
            this.path = path;
            this.receiver = receiver;
            this.events = events;
        }

        @Override
        public NioHttpServer.Response handle(NioHttpServer.Request request) {
            if (!serves(request.path())) {
                return NioHttpServer.Response.text(404, "callbacks are POSTed to " + path);
            }
            if (!"POST".equalsIgnoreCase(request.method())) {
                return NioHttpServer.Response.text(405, "POST callbacks here").withHeader("Allow", "POST");
            }
            int status;
            synchronized (order) {
                status = deliver(request);
            }
            return NioHttpServer.Response.text(
                    status,
                    status == 200
                            ? "ok"
                            : status == 401 ? "unauthorized" : status == 413 ? "body too large" : "rejected");
        }

        @Override
        public void refused(int status, String why) {
            synchronized (order) {
                events.rejected(status, why);
            }
        }

        private boolean serves(String requested) {
            return path.equals("/")
                    || requested.equals(path)
                    || requested.startsWith(path.endsWith("/") ? path : path + "/");
        }

        /** Hands one body to the receiver and tells the events; answers the status to reply with. */
        private int deliver(NioHttpServer.Request request) {
            try {
                Optional<Job> job = receiver.receive(request.body(), request.headers());
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
                events.rejected(
                        400,
                        "the delivery could not be taken in" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                return 400;
            }
        }
    }
}
