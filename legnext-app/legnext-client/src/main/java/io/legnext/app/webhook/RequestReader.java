package io.legnext.app.webhook;

import static io.legnext.app.webhook.HttpSyntax.abbreviate;
import static io.legnext.app.webhook.HttpSyntax.isToken;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP/1.1 request parser of one {@link HttpConnection}: the head, then a body framed by Content-Length or
 * chunked, answering {@code Expect: 100-continue}; refuses what breaks the grammar or the limits.
 */
final class RequestReader {

    /** The size of a read, and of the input kept between requests. */
    static final int READ_CHUNK = 16 * 1024;

    private static final int MAX_CHUNK_LINE = 4096;

    private enum Chunk {
        SIZE,
        DATA,
        DATA_END,
        TRAILER
    }

    private final HttpConnection connection;
    private final NioHttpServer.Limits limits;
    /** Nothing of the current request has arrived yet. */
    private boolean idle = true;

    private byte[] pending = new byte[READ_CHUNK];
    private int pendingLength;
    /** How far {@link #pending} has been searched for a line end. */
    private int scanned;

    private int lineStart;
    private String method;
    private String target;
    private String version;
    private Map<String, List<String>> headers;
    private boolean keepAlive;
    private long remaining;
    private Chunk chunk;
    private int trailerBytes;
    private ByteArrayOutputStream body;

    RequestReader(HttpConnection connection, NioHttpServer.Limits limits) {
        this.connection = connection;
        this.limits = limits;
    }

    /** Whether nothing of the current request has arrived yet. */
    boolean idle() {
        return idle;
    }

    /** Whether the request being read (or answered) is a HEAD, whose answer has no body. */
    boolean head() {
        return "HEAD".equals(method);
    }

    /** Whether the connection may stay open after the answer to this request. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The request whose head has been read, with {@code bytes} as its body. */
    NioHttpServer.Request request(byte[] bytes, SocketAddress remote) {
        return new NioHttpServer.Request(method, target, version, headers, bytes, remote);
    }

    /** Forgets the answered request, keeping what has arrived of the next. */
    void next() {
        method = null;
        target = null;
        version = null;
        headers = null;
        body = null;
        idle = true;
        scanned = 0;
        lineStart = 0;
    }

    /** Throws away what has arrived and not been parsed. */
    void discard() {
        pendingLength = 0;
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

    private void consume(int n) {
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

    /** The index of the next line feed from where the search stopped, or -1 (then the search resumes later). */
    private int lineEnd() {
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
            connection.refuse(431, "request head larger than " + limits.maxHeaderBytes() + " bytes");
            return;
        }
        if (end < 0) {
            return;
        }
        String head = new String(pending, 0, end, StandardCharsets.ISO_8859_1);
        consume(end);
        parseHead(head);
    }

    private void parseHead(String head) {
        String[] lines = head.split("\r?\n");
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
            connection.refuse(400, "request line '" + abbreviate(lines[0]) + "' is not 'METHOD TARGET HTTP/1.1'");
            return;
        }
        method = parts[0];
        target = parts[1];
        version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            boolean http = version.matches("HTTP/\\d\\.\\d");
            connection.refuse(http ? 505 : 400, "protocol '" + abbreviate(version) + "' is not HTTP/1.1 or HTTP/1.0");
            return;
        }
        if (!target.startsWith("/")
                && !target.startsWith("http://")
                && !target.startsWith("https://")
                && !target.equals("*")) {
            connection.refuse(400, "request target '" + abbreviate(target) + "' is not a path");
            return;
        }
        Map<String, List<String>> parsed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon <= 0 || !isToken(line.substring(0, colon))) {
                connection.refuse(
                        400,
                        "header line '" + abbreviate(line.length() > 40 ? line.substring(0, 40) : line)
                                + "' is not 'Name: value'");
                return;
            }
            parsed.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        headers = Collections.unmodifiableMap(parsed);
        boolean http11 = version.equals("HTTP/1.1");
        if (http11 && !parsed.containsKey("Host")) {
            connection.refuse(400, "HTTP/1.1 request without a Host header");
            return;
        }
        keepAlive = http11 && !tokens("Connection").contains("close");
        frameBody(http11);
    }

    private void frameBody(boolean http11) {
        List<String> encodings = tokens("Transfer-Encoding");
        List<String> lengths = tokens("Content-Length");
        boolean chunked = false;
        long length = 0;
        if (!encodings.isEmpty()) {
            if (!lengths.isEmpty()) {
                connection.refuse(400, "both Content-Length and Transfer-Encoding given; send one");
                return;
            }
            if (!encodings.equals(List.of("chunked"))) {
                connection.refuse(
                        501,
                        "transfer coding '" + abbreviate(String.join(", ", encodings))
                                + "' not supported; send chunked or a Content-Length");
                return;
            }
            chunked = true;
        } else if (!lengths.isEmpty()) {
            for (String value : lengths) {
                if (!value.matches("\\d{1,18}") || !value.equals(lengths.get(0))) {
                    connection.refuse(
                            400,
                            "Content-Length '" + abbreviate(String.join(", ", lengths))
                                    + "' is not one number of bytes");
                    return;
                }
            }
            length = Long.parseLong(lengths.get(0));
            if (length > limits.maxBodyBytes()) {
                connection.refuse(
                        413, "body larger than " + limits.maxBodyBytes() + " bytes (declared " + length + ")");
                return;
            }
        }
        String expect = http11 ? first("Expect") : null;
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            connection.refuse(417, "expectation '" + abbreviate(expect) + "' not supported");
            return;
        }
        if (!chunked && length == 0) {
            connection.dispatch(new byte[0]);
            return;
        }
        if (expect != null && pendingLength == 0) {
            connection.queue(ByteBuffer.wrap(ResponseEncoder.CONTINUE));
        }
        connection.enter(chunked ? ConnectionPhase.CHUNKED : ConnectionPhase.BODY, limits.bodyTimeout());
        body = new ByteArrayOutputStream((int) Math.min(chunked ? READ_CHUNK : length, 64 * 1024));
        remaining = length;
        chunk = Chunk.SIZE;
        trailerBytes = 0;
        connection.flushQuietly();
    }

    void readBody() {
        if (takeBody()) {
            connection.dispatch(body.toByteArray());
        }
    }

    /** Moves what has arrived of the {@link #remaining} body bytes into the body; answers whether all have. */
    private boolean takeBody() {
        int n = (int) Math.min(remaining, pendingLength);
        if (n == 0) {
            return false;
        }
        body.write(pending, 0, n);
        consume(n);
        remaining -= n;
        return remaining == 0;
    }

    void readChunks() {
        while (connection.is(ConnectionPhase.CHUNKED)) {
            switch (chunk) {
                case SIZE -> {
                    int lf = lineEnd();
                    if (lf < 0) {
                        if (pendingLength > MAX_CHUNK_LINE) {
                            connection.refuse(400, "chunk size line longer than " + MAX_CHUNK_LINE + " bytes");
                        }
                        return;
                    }
                    String line = new String(pending, 0, lf, StandardCharsets.ISO_8859_1);
                    consume(lf + 1);
                    int semicolon = line.indexOf(';');
                    String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
                    if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                        connection.refuse(400, "chunk size '" + abbreviate(hex) + "' is not a hexadecimal number");
                        return;
                    }
                    long size = Long.parseLong(hex, 16);
                    if (size == 0) {
                        chunk = Chunk.TRAILER;
                    } else if (body.size() + size > limits.maxBodyBytes()) {
                        connection.refuse(413, "body larger than " + limits.maxBodyBytes() + " bytes (chunked)");
                        return;
                    } else {
                        remaining = size;
                        chunk = Chunk.DATA;
                    }
                }
                case DATA -> {
                    if (!takeBody()) {
                        // All that has arrived is in the body: the rest of the chunk comes with a later read.
                        return;
                    }
                    chunk = Chunk.DATA_END;
                }
                case DATA_END -> {
                    if (pendingLength == 0 || (pending[0] == '\r' && pendingLength < 2)) {
                        return;
                    }
                    int crlf = pending[0] == '\n' ? 1 : pending[0] == '\r' && pending[1] == '\n' ? 2 : 0;
                    if (crlf == 0) {
                        connection.refuse(400, "chunk data longer than its declared size");
                        return;
                    }
                    consume(crlf);
                    chunk = Chunk.SIZE;
                }
                case TRAILER -> {
                    int lf = lineEnd();
                    if (lf < 0) {
                        if (trailerBytes + pendingLength > limits.maxHeaderBytes()) {
                            connection.refuse(431, "trailer larger than " + limits.maxHeaderBytes() + " bytes");
                        }
                        return;
                    }
                    boolean blank = lf == 0 || (lf == 1 && pending[0] == '\r');
                    trailerBytes += lf + 1;
                    consume(lf + 1);
                    if (trailerBytes > limits.maxHeaderBytes()) {
                        connection.refuse(431, "trailer larger than " + limits.maxHeaderBytes() + " bytes");
                        return;
                    }
                    if (blank) {
                        connection.dispatch(body.toByteArray());
                        return;
                    }
                }
            }
        }
    }

    /** Every comma-separated value of a header, trimmed and in lower case. */
    private List<String> tokens(String name) {
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

    private String first(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
