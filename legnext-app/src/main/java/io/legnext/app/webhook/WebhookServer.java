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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Driving adapter: receives the service's callback POSTs over HTTP (the JDK's server) and hands each raw body and
 * its headers to a {@link ReceiveCallbackUseCase}; answers 200 for accepted and duplicate deliveries, 401 for a
 * bad signature or a stale timestamp, 413 for a body over the limit and 400 for anything that is not a task.
 */
public final class WebhookServer implements AutoCloseable {

    /** The largest body read; a task object is a few kilobytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** How much of an oversized body is read and thrown away before answering; past it the connection is dropped. */
    static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    /** Hears of what the server did with each delivery; called on the server's single thread, in order. */
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
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(events, "events");
        HttpServer server = HttpServer.create(address, 0);
        // One thread: events are printed in the order they were received.
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "legnext-webhook");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(path, exchange -> handle(exchange, receiver, events));
        server.start();
        return new WebhookServer(server, executor);
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, ReceiveCallbackUseCase receiver, Events events)
            throws IOException {
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                answer(exchange, 405, "POST callbacks here");
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                exchange.getResponseHeaders().set("Connection", "close");
                events.rejected(413, "body larger than " + MAX_BODY_BYTES + " bytes");
                answer(exchange, 413, "body too large");
                return;
            }
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            try {
                Optional<Job> job = receiver.receive(body, headers);
                if (job.isPresent()) {
                    events.accepted(job.get());
                } else {
                    events.duplicate();
                }
                answer(exchange, 200, "ok");
            } catch (CallbackRejectedException e) {
                int status = e.reason().httpStatus();
                events.rejected(status, e.getMessage());
                answer(exchange, status, status == 401 ? "unauthorized" : "rejected");
            } catch (RuntimeException e) {
                events.rejected(400, e.getClass().getSimpleName() + ": " + e.getMessage());
                answer(exchange, 400, "rejected");
            }
        }
    }

    /** The body, or null when it is larger than the limit (the rest is drained, so the answer reaches the sender). */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int n;
            while (drained < MAX_DRAINED_BYTES && (n = in.read(sink)) >= 0) {
                drained += n;
            }
            return null;
        }
        return body;
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
