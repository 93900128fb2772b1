package io.legnext.app.webhook;

import io.legnext.app.webhook.NioHttpServer.Handler;
import io.legnext.app.webhook.NioHttpServer.Limits;
import io.legnext.app.webhook.NioHttpServer.Request;
import io.legnext.app.webhook.NioHttpServer.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link NioHttpServer}'s selector thread and workers: accepts connections within the bound, hands readiness to
 * each {@link HttpConnection}, ends those past their deadline, and runs the handler off the selector's thread.
 */
final class SelectorLoop {

    private final Limits limits;
    private final Handler handler;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final ExecutorService workers;
    private final Thread selectorThread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Open connections, oldest first; touched by the selector thread only. */
    private final Set<HttpConnection> connections = new LinkedHashSet<>();

    private final AtomicInteger open = new AtomicInteger();
    /** One buffer for every read: only the selector thread reads. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(RequestReader.READ_CHUNK);

    private final InetSocketAddress address;
    private volatile boolean running = true;
    private long sequence;

    /** Binds {@code address} and makes the threads, named after {@code name}; {@link #start()} starts serving. */
    SelectorLoop(String name, InetSocketAddress address, Limits limits, Handler handler) throws IOException {
        this.limits = limits;
        this.handler = handler;
        this.selector = Selector.open();
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, 128);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            channel.close();
            selector.close();
            throw e;
        }
        this.listener = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(limits.workerThreads(), r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.selectorThread = new Thread(this::run, name + "-selector");
        selectorThread.setDaemon(true);
    }

    void start() {
        selectorThread.start();
    }

    InetSocketAddress address() {
        return address;
    }

    int openConnections() {
        return open.get();
    }

    /** Stops the selector thread, which closes every connection, then the workers; call once. */
    void stop() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != selectorThread) {
            try {
                selectorThread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
    }

    private void run() {
        try {
            while (running) {
                long wait = expire(System.nanoTime());
                selector.select(wait);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid()) {
                        ready(key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector itself failed: nothing more can be served; close() or the finally below cleans up.
        } finally {
            for (HttpConnection c : new ArrayList<>(connections)) {
                c.drop();
            }
            try {
                listener.close();
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void ready(SelectionKey key) {
        if (key.isAcceptable()) {
            try {
                accept();
            } catch (RuntimeException e) {
                // The next readiness tries again.
            }
            return;
        }
        HttpConnection c = (HttpConnection) key.attachment();
        try {
            if (key.isReadable()) {
                c.readable(readBuffer);
            }
            if (key.isValid() && key.isWritable()) {
                c.flush();
            }
        } catch (IOException | RuntimeException e) {
            // A reset, or a peer gone: only this connection ends.
            c.drop();
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // Out of descriptors, or the peer left before we took it: try again on the next readiness.
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                if (connections.size() >= limits.maxConnections() && !evictOne()) {
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                HttpConnection c = new HttpConnection(this, limits, channel, key, ++sequence);
                key.attach(c);
                connections.add(c);
                open.incrementAndGet();
            } catch (IOException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }
    }

    /**
     * Closes the connection that has waited longest without being answered (one lingering after an answer first),
     * to make room; answers false when every connection is being answered.
     */
    private boolean evictOne() {
        HttpConnection victim = null;
        for (HttpConnection c : connections) {
            if (c.phase() == ConnectionPhase.HANDLING || c.phase() == ConnectionPhase.WRITING) {
                continue;
            }
            if (victim == null || c.evictsBefore(victim)) {
                victim = c;
            }
        }
        if (victim == null) {
            return false;
        }
        if (!victim.idle() && victim.phase() != ConnectionPhase.LINGERING) {
            notifyRefused(
                    408,
                    "connection dropped unanswered to make room: " + limits.maxConnections()
                            + " connections were open, the most allowed, and this one had waited longest for its request");
        }
        victim.drop();
        return true;
    }

    /** Ends every connection past its deadline; answers how long the selector may sleep (0: until woken). */
    private long expire(long now) {
        long next = Long.MAX_VALUE;
        List<HttpConnection> expired = null;
        for (HttpConnection c : connections) {
            if (c.deadline() == HttpConnection.NO_DEADLINE) {
                continue;
            }
            long left = c.deadline() - now;
            if (left <= 0) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(c);
            } else {
                next = Math.min(next, left);
            }
        }
        if (expired != null) {
            for (HttpConnection c : expired) {
                c.expired();
            }
        }
        return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    /** Forgets a connection that has closed. */
    void dropped(HttpConnection c) {
        connections.remove(c);
        open.decrementAndGet();
    }

    /** Runs {@code task} on a worker; throws {@link RejectedExecutionException} once closing. */
    void work(Runnable task) {
        workers.execute(task);
    }

    /** The handler's answer; a failure of the handler is answered 500 and closes the connection. */
    Response answer(Request request) {
        try {
            return Objects.requireNonNull(handler.handle(request), "the handler's response");
        } catch (RuntimeException e) {
            return Response.text(500, "internal error").withHeader("Connection", "close");
        }
    }

    /** Tells the handler, on a worker, of a request the server refused or dropped itself. */
    /** The answer to a request the server refuses itself, as the handler shapes it. */
    NioHttpServer.Response refusal(int status, String why) {
        try {
            NioHttpServer.Response shaped = handler.refusal(status, why);
            if (shaped != null && shaped.status() == status) {
                return shaped;
            }
        } catch (RuntimeException e) {
            // The plain answer below still tells the client what happened.
        }
        return NioHttpServer.Response.text(status, why);
    }

    void notifyRefused(int status, String why) {
        try {
            workers.execute(() -> {
                try {
                    handler.refused(status, why);
                } catch (RuntimeException e) {
                    // A listener's failure must not end the worker.
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Runs {@code task} on the selector thread, waking it. */
    void post(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }
}
