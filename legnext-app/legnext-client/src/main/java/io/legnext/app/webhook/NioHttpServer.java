package io.legnext.app.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
        default void refused(int status, String why) {
        }
    }

    /** One request as received: the body is the server's own copy, handed over. */
    public record Request(String method, String target, String version, Map<String, List<String>> headers,
            byte[] body, SocketAddress remote) {

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
                if (!isToken(h.getKey()) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("a response header must be a token and a value without line"
                            + " breaks, was '" + h.getKey() + "'");
                }
            }
        }

        /** A plain-text answer: {@code text} and a line break. */
        public static Response text(int status, String text) {
            return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
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
    public record Limits(Duration headerTimeout, Duration bodyTimeout, int maxBodyBytes, int maxHeaderBytes,
            int maxConnections, int workerThreads, Duration drainTimeout, long maxDrainBytes) {

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
            return new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, 32 * 1024, 64, 4,
                    Duration.ofSeconds(2), 64L * 1024 * 1024);
        }

        /** These limits with another head deadline. */
        public Limits withHeaderTimeout(Duration value) {
            return new Limits(value, bodyTimeout, maxBodyBytes, maxHeaderBytes, maxConnections, workerThreads,
                    drainTimeout, maxDrainBytes);
        }

        /** These limits with another body deadline. */
        public Limits withBodyTimeout(Duration value) {
            return new Limits(headerTimeout, value, maxBodyBytes, maxHeaderBytes, maxConnections, workerThreads,
                    drainTimeout, maxDrainBytes);
        }

        /** These limits with another largest body. */
        public Limits withMaxBodyBytes(int value) {
            return new Limits(headerTimeout, bodyTimeout, value, maxHeaderBytes, maxConnections, workerThreads,
                    drainTimeout, maxDrainBytes);
        }

        /** These limits with another largest head. */
        public Limits withMaxHeaderBytes(int value) {
            return new Limits(headerTimeout, bodyTimeout, maxBodyBytes, value, maxConnections, workerThreads,
                    drainTimeout, maxDrainBytes);
        }

        /** These limits with another number of connections open at once. */
        public Limits withMaxConnections(int value) {
            return new Limits(headerTimeout, bodyTimeout, maxBodyBytes, maxHeaderBytes, value, workerThreads,
                    drainTimeout, maxDrainBytes);
        }

        /** These limits with another number of worker threads. */
        public Limits withWorkerThreads(int value) {
            return new Limits(headerTimeout, bodyTimeout, maxBodyBytes, maxHeaderBytes, maxConnections, value,
                    drainTimeout, maxDrainBytes);
        }

        /** These limits with another bound on reading what follows a refusal. */
        public Limits withDrain(Duration timeout, long bytes) {
            return new Limits(headerTimeout, bodyTimeout, maxBodyBytes, maxHeaderBytes, maxConnections,
                    workerThreads, timeout, bytes);
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("'" + name + "' must be a positive duration, was " + value);
            }
        }

        private static void between(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("'" + name + "' must be between " + min + " and " + max
                        + ", was " + value);
            }
        }
    }

    private static final int READ_CHUNK = 16 * 1024;
    private static final int MAX_CHUNK_LINE = 4096;
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Limits limits;
    private final Handler handler;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final ExecutorService workers;
    private final Thread selectorThread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Open connections, oldest first; touched by the selector thread only. */
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final AtomicInteger open = new AtomicInteger();
    /** One buffer for every read: only the selector thread reads. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_CHUNK);
    private final InetSocketAddress address;
    private volatile boolean running = true;
    private final AtomicBoolean closing = new AtomicBoolean();
    private long sequence;

    private NioHttpServer(String name, InetSocketAddress address, Limits limits, Handler handler) throws IOException {
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
        NioHttpServer server = new NioHttpServer(name, address, limits, handler);
        server.selectorThread.start();
        return server;
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** The limits in force. */
    public Limits limits() {
        return limits;
    }

    /** How many connections are open now, whatever their state. */
    public int openConnections() {
        return open.get();
    }

    /** Stops listening, closes every connection at once and ends the server's threads; idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
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

    // ------------------------------------------------------------------------------------------- selector thread

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
            for (Connection c : new ArrayList<>(connections)) {
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
        Connection c = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                c.readable();
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
                Connection c = new Connection(channel, key, ++sequence);
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
        Connection victim = null;
        for (Connection c : connections) {
            if (c.phase == Phase.HANDLING || c.phase == Phase.WRITING) {
                continue;
            }
            if (victim == null || c.evictsBefore(victim)) {
                victim = c;
            }
        }
        if (victim == null) {
            return false;
        }
        if (!victim.idle && victim.phase != Phase.LINGERING) {
            notifyRefused(408, "connection dropped unanswered to make room: " + limits.maxConnections()
                    + " connections were open, the most allowed, and this one had waited longest for its request");
        }
        victim.drop();
        return true;
    }

    /** Ends every connection past its deadline; answers how long the selector may sleep (0: until woken). */
    private long expire(long now) {
        long next = Long.MAX_VALUE;
        List<Connection> expired = null;
        for (Connection c : connections) {
            if (c.deadline == NO_DEADLINE) {
                continue;
            }
            long left = c.deadline - now;
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
            for (Connection c : expired) {
                c.expired();
            }
        }
        return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    private void notifyRefused(int status, String why) {
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

    private void post(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch > 32 && ch < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(ch) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private enum Phase {
        /** Reading a request's head; also the state of an idle kept-alive connection. */
        HEAD,
        /** Reading a body of known length. */
        BODY,
        /** Reading a chunked body. */
        CHUNKED,
        /** The request is with the handler: nothing is read. */
        HANDLING,
        /** Writing the answer. */
        WRITING,
        /** The answer is out and the output shut: reading and discarding what still comes, until the end. */
        LINGERING
    }

    private enum Chunk { SIZE, DATA, DATA_END, TRAILER }

    /** One connection's state; touched by the selector thread only. */
    private final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final long id;
        Phase phase = Phase.HEAD;
        /** When the current phase began; orders evictions. */
        long since = System.nanoTime();
        long deadline = since + limits.headerTimeout().toNanos();
        /** Nothing of the current request has arrived yet. */
        boolean idle = true;
        byte[] pending = new byte[READ_CHUNK];
        int pendingLength;
        /** How far {@link #pending} has been searched for a line end. */
        int scanned;
        int lineStart;
        String method;
        String target;
        String version;
        Map<String, List<String>> headers;
        boolean keepAlive;
        long remaining;
        Chunk chunk;
        int trailerBytes;
        ByteArrayOutputStream body;
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean closeAfterAnswer;
        long drained;
        boolean closed;

        Connection(SocketChannel channel, SelectionKey key, long id) {
            this.channel = channel;
            this.key = key;
            this.id = id;
        }

        boolean evictsBefore(Connection other) {
            boolean lingering = phase == Phase.LINGERING;
            if (lingering != (other.phase == Phase.LINGERING)) {
                return lingering;
            }
            return since != other.since ? since - other.since < 0 : id < other.id;
        }

        void readable() throws IOException {
            if (phase == Phase.HANDLING || phase == Phase.WRITING) {
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
            if (phase == Phase.LINGERING) {
                drained += n;
                if (drained > limits.maxDrainBytes()) {
                    drop();
                }
                return;
            }
            append(readBuffer.array(), n);
            advance();
        }

        void append(byte[] bytes, int n) {
            if (pendingLength + n > pending.length) {
                byte[] bigger = new byte[Math.max(pending.length * 2, pendingLength + n)];
                System.arraycopy(pending, 0, bigger, 0, pendingLength);
                pending = bigger;
            }
            System.arraycopy(bytes, 0, pending, pendingLength, n);
            pendingLength += n;
        }

        void consume(int n) {
            System.arraycopy(pending, n, pending, 0, pendingLength - n);
            pendingLength -= n;
            scanned = 0;
            lineStart = 0;
            if (pending.length > READ_CHUNK && pendingLength <= READ_CHUNK) {
                // A large head is gone: give its memory back.
                byte[] smaller = new byte[READ_CHUNK];
                System.arraycopy(pending, 0, smaller, 0, pendingLength);
                pending = smaller;
            }
        }

        /** Parses as far as the input allows; stops while the request is with the handler or being answered. */
        void advance() {
            while (!closed) {
                Phase before = phase;
                switch (phase) {
                    case HEAD -> readHead();
                    case BODY -> readBody();
                    case CHUNKED -> readChunks();
                    default -> {
                        return;
                    }
                }
                if (phase == before) {
                    return;
                }
            }
        }

        /** The index of the next line feed from where the search stopped, or -1 (then the search resumes later). */
        int lineEnd() {
            for (int i = scanned; i < pendingLength; i++) {
                if (pending[i] == '\n') {
                    scanned = i + 1;
                    return i;
                }
            }
            scanned = pendingLength;
            return -1;
        }

        void readHead() {
            if (idle) {
                // Blank lines before a request are allowed and ignored.
                int skip = 0;
                while (skip < pendingLength && (pending[skip] == '\r' || pending[skip] == '\n')) {
                    skip++;
                }
                if (skip > 0) {
                    consume(skip);
                }
                if (pendingLength == 0) {
                    return;
                }
                idle = false;
            }
            int end = -1;
            int lf;
            while ((lf = lineEnd()) >= 0) {
                int length = lf - lineStart;
                if (length == 0 || (length == 1 && pending[lineStart] == '\r')) {
                    end = lf + 1;
                    break;
                }
                lineStart = lf + 1;
            }
            if (end < 0 ? pendingLength > limits.maxHeaderBytes() : end > limits.maxHeaderBytes()) {
                refuse(431, "request head larger than " + limits.maxHeaderBytes() + " bytes");
                return;
            }
            if (end < 0) {
                return;
            }
            String head = new String(pending, 0, end, StandardCharsets.ISO_8859_1);
            consume(end);
            parseHead(head);
        }

        void parseHead(String head) {
            String[] lines = head.split("\r?\n");
            String[] parts = lines[0].split(" ", -1);
            if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
                refuse(400, "request line '" + abbreviate(lines[0]) + "' is not 'METHOD TARGET HTTP/1.1'");
                return;
            }
            method = parts[0];
            target = parts[1];
            version = parts[2];
            if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
                boolean http = version.matches("HTTP/\\d\\.\\d");
                refuse(http ? 505 : 400, "protocol '" + abbreviate(version) + "' is not HTTP/1.1 or HTTP/1.0");
                return;
            }
            if (!target.startsWith("/") && !target.startsWith("http://") && !target.startsWith("https://")
                    && !target.equals("*")) {
                refuse(400, "request target '" + abbreviate(target) + "' is not a path");
                return;
            }
            Map<String, List<String>> parsed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty()) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon <= 0
                        || !isToken(line.substring(0, colon))) {
                    refuse(400, "header line '" + abbreviate(line.length() > 40 ? line.substring(0, 40) : line)
                            + "' is not 'Name: value'");
                    return;
                }
                parsed.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            headers = Collections.unmodifiableMap(parsed);
            boolean http11 = version.equals("HTTP/1.1");
            if (http11 && !parsed.containsKey("Host")) {
                refuse(400, "HTTP/1.1 request without a Host header");
                return;
            }
            keepAlive = http11 && !tokens("Connection").contains("close");
            frameBody(http11);
        }

        void frameBody(boolean http11) {
            List<String> encodings = tokens("Transfer-Encoding");
            List<String> lengths = tokens("Content-Length");
            boolean chunked = false;
            long length = 0;
            if (!encodings.isEmpty()) {
                if (!lengths.isEmpty()) {
                    refuse(400, "both Content-Length and Transfer-Encoding given; send one");
                    return;
                }
                if (!encodings.equals(List.of("chunked"))) {
                    refuse(501, "transfer coding '" + abbreviate(String.join(", ", encodings)) + "' not supported;"
                            + " send chunked or a Content-Length");
                    return;
                }
                chunked = true;
            } else if (!lengths.isEmpty()) {
                for (String value : lengths) {
                    if (!value.matches("\\d{1,18}") || !value.equals(lengths.get(0))) {
                        refuse(400, "Content-Length '" + abbreviate(String.join(", ", lengths)) + "' is not one"
                                + " number of bytes");
                        return;
                    }
                }
                length = Long.parseLong(lengths.get(0));
                if (length > limits.maxBodyBytes()) {
                    refuse(413, "body larger than " + limits.maxBodyBytes() + " bytes (declared " + length + ")");
                    return;
                }
            }
            String expect = http11 ? first("Expect") : null;
            if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
                refuse(417, "expectation '" + abbreviate(expect) + "' not supported");
                return;
            }
            if (!chunked && length == 0) {
                dispatch(new byte[0]);
                return;
            }
            if (expect != null && pendingLength == 0) {
                queue(ByteBuffer.wrap(CONTINUE));
            }
            enter(chunked ? Phase.CHUNKED : Phase.BODY, limits.bodyTimeout());
            body = new ByteArrayOutputStream((int) Math.min(chunked ? READ_CHUNK : length, 64 * 1024));
            remaining = length;
            chunk = Chunk.SIZE;
            trailerBytes = 0;
            flushQuietly();
        }

        void readBody() {
            int n = (int) Math.min(remaining, pendingLength);
            if (n == 0) {
                return;
            }
            body.write(pending, 0, n);
            consume(n);
            remaining -= n;
            if (remaining == 0) {
                dispatch(body.toByteArray());
            }
        }

        void readChunks() {
            while (!closed && phase == Phase.CHUNKED) {
                switch (chunk) {
                    case SIZE -> {
                        int lf = lineEnd();
                        if (lf < 0) {
                            if (pendingLength > MAX_CHUNK_LINE) {
                                refuse(400, "chunk size line longer than " + MAX_CHUNK_LINE + " bytes");
                            }
                            return;
                        }
                        String line = new String(pending, 0, lf, StandardCharsets.ISO_8859_1);
                        consume(lf + 1);
                        int semicolon = line.indexOf(';');
                        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
                        if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                            refuse(400, "chunk size '" + abbreviate(hex) + "' is not a hexadecimal number");
                            return;
                        }
                        long size = Long.parseLong(hex, 16);
                        if (size == 0) {
                            chunk = Chunk.TRAILER;
                        } else if (body.size() + size > limits.maxBodyBytes()) {
                            refuse(413, "body larger than " + limits.maxBodyBytes() + " bytes (chunked)");
                            return;
                        } else {
                            remaining = size;
                            chunk = Chunk.DATA;
                        }
                    }
                    case DATA -> {
                        int n = (int) Math.min(remaining, pendingLength);
                        if (n == 0) {
                            return;
                        }
                        body.write(pending, 0, n);
                        consume(n);
                        remaining -= n;
                        if (remaining == 0) {
                            chunk = Chunk.DATA_END;
                        }
                    }
                    case DATA_END -> {
                        if (pendingLength == 0 || (pending[0] == '\r' && pendingLength < 2)) {
                            return;
                        }
                        int crlf = pending[0] == '\n' ? 1 : pending[0] == '\r' && pending[1] == '\n' ? 2 : 0;
                        if (crlf == 0) {
                            refuse(400, "chunk data longer than its declared size");
                            return;
                        }
                        consume(crlf);
                        chunk = Chunk.SIZE;
                    }
                    case TRAILER -> {
                        int lf = lineEnd();
                        if (lf < 0) {
                            if (trailerBytes + pendingLength > limits.maxHeaderBytes()) {
                                refuse(431, "trailer larger than " + limits.maxHeaderBytes() + " bytes");
                            }
                            return;
                        }
                        boolean blank = lf == 0 || (lf == 1 && pending[0] == '\r');
                        trailerBytes += lf + 1;
                        consume(lf + 1);
                        if (trailerBytes > limits.maxHeaderBytes()) {
                            refuse(431, "trailer larger than " + limits.maxHeaderBytes() + " bytes");
                            return;
                        }
                        if (blank) {
                            dispatch(body.toByteArray());
                            return;
                        }
                    }
                    default -> throw new IllegalStateException("chunk state " + chunk);
                }
            }
        }

        /** Every comma-separated value of a header, trimmed and in lower case. */
        List<String> tokens(String name) {
            List<String> values = headers.get(name);
            if (values == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String v : values) {
                for (String t : v.split(",")) {
                    if (!t.isBlank()) {
                        out.add(t.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
            return out;
        }

        String first(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        void enter(Phase next, Duration timeout) {
            phase = next;
            since = System.nanoTime();
            deadline = timeout == null ? NO_DEADLINE : since + timeout.toNanos();
            interest();
        }

        void dispatch(byte[] bytes) {
            enter(Phase.HANDLING, null);
            Request request = new Request(method, target, version, headers, bytes, remote());
            boolean keep = keepAlive;
            try {
                workers.execute(() -> {
                    Response response;
                    try {
                        response = answer(request);
                    } catch (Error e) {
                        post(() -> respondOrDrop(Response.text(500, "internal error"), false));
                        throw e;
                    }
                    post(() -> respondOrDrop(response, keep));
                });
            } catch (RejectedExecutionException e) {
                drop();
            }
        }

        SocketAddress remote() {
            try {
                return channel.getRemoteAddress();
            } catch (IOException e) {
                return null;
            }
        }

        /** Refuses the request being read: answers {@code status}, tells the handler, and closes gracefully. */
        void refuse(int status, String why) {
            notifyRefused(status, why);
            respond(Response.text(status, why), false);
        }

        void respondOrDrop(Response response, boolean keep) {
            try {
                respond(response, keep);
            } catch (RuntimeException e) {
                drop();
            }
        }

        void respond(Response response, boolean keep) {
            if (closed) {
                return;
            }
            boolean close = !keep || "close".equalsIgnoreCase(response.headers().getOrDefault("Connection", ""));
            queue(ByteBuffer.wrap(encode(response, close, "HEAD".equals(method))));
            closeAfterAnswer = close;
            // A client that does not read its answer gets as long as a body would to arrive.
            enter(Phase.WRITING, limits.bodyTimeout());
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
            if (phase == Phase.WRITING) {
                answered();
            } else {
                interest();
            }
        }

        void answered() throws IOException {
            if (closeAfterAnswer) {
                channel.shutdownOutput();
                pendingLength = 0;
                drained = 0;
                enter(Phase.LINGERING, limits.drainTimeout());
                return;
            }
            method = null;
            target = null;
            version = null;
            headers = null;
            body = null;
            idle = true;
            scanned = 0;
            lineStart = 0;
            enter(Phase.HEAD, limits.headerTimeout());
            advance();
        }

        void interest() {
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

        void expired() {
            switch (phase) {
                case HEAD -> {
                    if (!idle) {
                        notifyRefused(408, "request head not received within " + millis(limits.headerTimeout())
                                + "; connection dropped");
                    }
                }
                case BODY, CHUNKED -> notifyRefused(408, "body not received within "
                        + millis(limits.bodyTimeout()) + "; connection dropped");
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
            connections.remove(this);
            open.decrementAndGet();
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

    private Response answer(Request request) {
        try {
            return Objects.requireNonNull(handler.handle(request), "the handler's response");
        } catch (RuntimeException e) {
            return Response.text(500, "internal error").withHeader("Connection", "close");
        }
    }

    private static byte[] encode(Response response, boolean close, boolean head) {
        StringBuilder h = new StringBuilder(256).append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        for (Map.Entry<String, String> e : response.headers().entrySet()) {
            String name = e.getKey();
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Connection")
                    && !name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Date")) {
                h.append(name).append(": ").append(e.getValue()).append("\r\n");
            }
        }
        boolean bodyless = response.status() == 204 || response.status() == 304;
        if (!bodyless) {
            h.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (close) {
            h.append("Connection: close\r\n");
        }
        h.append("\r\n");
        byte[] top = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head || bodyless) {
            return top;
        }
        byte[] all = new byte[top.length + response.body().length];
        System.arraycopy(top, 0, all, 0, top.length);
        System.arraycopy(response.body(), 0, all, top.length, response.body().length);
        return all;
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 57) + "..." : printable;
    }
}
