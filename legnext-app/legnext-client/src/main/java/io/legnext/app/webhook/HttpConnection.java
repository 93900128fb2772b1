package io.legnext.app.webhook;

import io.legnext.app.webhook.NioHttpServer.Limits;
import io.legnext.app.webhook.NioHttpServer.Request;
import io.legnext.app.webhook.NioHttpServer.Response;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's lifecycle, touched by the selector thread only: its phase and deadline, the hand-off of a request
 * to a worker, the writing of the answer, and the keep-alive, graceful or immediate close that follows.
 */
final class HttpConnection {

    /** The deadline of a connection that has none: its request is with the handler. */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final SelectorLoop loop;
    private final Limits limits;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final long id;
    private final RequestReader reader;
    private ConnectionPhase phase = ConnectionPhase.HEAD;
    /** When the current phase began; orders evictions. */
    private long since;

    private long deadline;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private boolean closeAfterAnswer;
    private long drained;
    private boolean closed;

    HttpConnection(SelectorLoop loop, Limits limits, SocketChannel channel, SelectionKey key, long id) {
        this.loop = loop;
        this.limits = limits;
        this.channel = channel;
        this.key = key;
        this.id = id;
        this.since = System.nanoTime();
        this.deadline = since + limits.headerTimeout().toNanos();
        this.reader = new RequestReader(this, limits);
    }

    ConnectionPhase phase() {
        return phase;
    }

    /** Whether the connection is open and in {@code p}. */
    boolean is(ConnectionPhase p) {
        return !closed && phase == p;
    }

    /** Whether nothing of the current request has arrived yet. */
    boolean idle() {
        return reader.idle();
    }

    /** When the current phase must end, in {@link System#nanoTime()} terms, or {@link #NO_DEADLINE}. */
    long deadline() {
        return deadline;
    }

    boolean evictsBefore(HttpConnection other) {
        boolean lingering = phase == ConnectionPhase.LINGERING;
        if (lingering != (other.phase == ConnectionPhase.LINGERING)) {
            return lingering;
        }
        return since != other.since ? since - other.since < 0 : id < other.id;
    }

    /** Reads what has arrived into {@code readBuffer} (shared by every connection) and parses it. */
    void readable(ByteBuffer readBuffer) throws IOException {
        if (phase == ConnectionPhase.HANDLING || phase == ConnectionPhase.WRITING) {
            // A readiness seen before the request went to the handler: what follows waits for the answer.
            return;
        }
        readBuffer.clear();
        int n = channel.read(readBuffer);
        if (n < 0) {
            // The client closed: an idle connection ends normally, a partial request is abandoned.
            drop();
            return;
        }
        if (n == 0) {
            return;
        }
        if (phase == ConnectionPhase.LINGERING) {
            drained += n;
            if (drained > limits.maxDrainBytes()) {
                drop();
            }
            return;
        }
        reader.append(readBuffer.array(), n);
        advance();
    }

    /** Parses as far as the input allows; stops while the request is with the handler or being answered. */
    private void advance() {
        while (!closed) {
            ConnectionPhase before = phase;
            switch (phase) {
                case HEAD -> reader.readHead();
                case BODY -> reader.readBody();
                case CHUNKED -> reader.readChunks();
                default -> {
                    return;
                }
            }
            if (phase == before) {
                return;
            }
        }
    }

    void enter(ConnectionPhase next, Duration timeout) {
        phase = next;
        since = System.nanoTime();
        deadline = timeout == null ? NO_DEADLINE : since + timeout.toNanos();
        interest();
    }

    /** Hands the request whose head has been read, with {@code bytes} as its body, to a worker. */
    void dispatch(byte[] bytes) {
        enter(ConnectionPhase.HANDLING, null);
        Request request = reader.request(bytes, remote());
        boolean keep = reader.keepAlive();
        try {
            loop.work(() -> {
                Response response;
                try {
                    response = loop.answer(request);
                } catch (Error e) {
                    loop.post(() -> respondOrDrop(Response.text(500, "internal error"), false));
                    throw e;
                }
                loop.post(() -> respondOrDrop(response, keep));
            });
        } catch (RejectedExecutionException e) {
            drop();
        }
    }

    private SocketAddress remote() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Refuses the request being read: answers {@code status}, tells the handler, and closes gracefully. */
    void refuse(int status, String why) {
        loop.notifyRefused(status, why);
        respond(loop.refusal(status, why), false);
    }

    private void respondOrDrop(Response response, boolean keep) {
        try {
            respond(response, keep);
        } catch (RuntimeException e) {
            drop();
        }
    }

    private void respond(Response response, boolean keep) {
        if (closed) {
            return;
        }
        boolean close = !keep || "close".equalsIgnoreCase(response.headers().getOrDefault("Connection", ""));
        queue(ByteBuffer.wrap(ResponseEncoder.encode(response, close, reader.head())));
        closeAfterAnswer = close;
        // A client that does not read its answer gets as long as a body would to arrive.
        enter(ConnectionPhase.WRITING, limits.bodyTimeout());
        flushQuietly();
    }

    void queue(ByteBuffer bytes) {
        out.add(bytes);
    }

    void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            drop();
        }
    }

    void flush() throws IOException {
        while (!out.isEmpty()) {
            ByteBuffer b = out.peek();
            channel.write(b);
            if (b.hasRemaining()) {
                interest();
                return;
            }
            out.poll();
        }
        if (phase == ConnectionPhase.WRITING) {
            answered();
        } else {
            interest();
        }
    }

    private void answered() throws IOException {
        if (closeAfterAnswer) {
            channel.shutdownOutput();
            reader.discard();
            drained = 0;
            enter(ConnectionPhase.LINGERING, limits.drainTimeout());
            return;
        }
        reader.next();
        enter(ConnectionPhase.HEAD, limits.headerTimeout());
        advance();
    }

    private void interest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = switch (phase) {
            case HEAD, BODY, CHUNKED, LINGERING -> SelectionKey.OP_READ;
            case HANDLING -> 0;
            case WRITING -> SelectionKey.OP_WRITE;
        };
        if (!out.isEmpty()) {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
    }

    /** Ends the connection, past its deadline; tells the handler when a request was left unanswered. */
    void expired() {
        switch (phase) {
            case HEAD -> {
                if (!idle()) {
                    loop.notifyRefused(
                            408,
                            "request head not received within " + millis(limits.headerTimeout())
                                    + "; connection dropped");
                }
            }
            case BODY, CHUNKED ->
                loop.notifyRefused(
                        408, "body not received within " + millis(limits.bodyTimeout()) + "; connection dropped");
            default -> {
                // an answer not read, or a lingering close that ran out: nothing to tell
            }
        }
        drop();
    }

    /** Closes at once. */
    void drop() {
        if (closed) {
            return;
        }
        closed = true;
        loop.dropped(this);
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
