package io.legnext.app.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** HTTP/1.1 over plain loopback sockets, byte for byte, for tests that need to misbehave like a hostile client. */
final class RawHttp {

    /** How long a test waits for something that should happen at once; it only bounds a failure. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private RawHttp() {}

    /** A connected socket whose reads give up after {@link #PATIENCE}. */
    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void send(Socket socket, String text) throws IOException {
        send(socket, ascii(text));
    }

    static void send(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** A POST's head with a Content-Length, ending in the blank line; {@code extra} are whole header lines. */
    static String postHead(int length, String... extra) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + String.join("", extra)
                + "Content-Length: " + length + "\r\n\r\n";
    }

    /** A task object the receiver accepts: a failed job (needs no result URLs). */
    static String task(UUID id) {
        return "{\"job_id\":\"" + id + "\",\"model\":\"midjourney\",\"task_type\":\"video_diffusion\",\"status\":"
                + "\"failed\",\"config\":{\"service_mode\":\"public\"},\"input\":null,\"output\":null,\"meta\":{"
                + "\"created_at\":\"2025-10-21T10:51:46Z\",\"started_at\":\"\",\"ended_at\":\"2025-10-21T10:52:00Z\","
                + "\"usage\":{\"type\":\"point\",\"frozen\":480,\"consume\":0}},\"detail\":null,\"logs\":[],"
                + "\"error\":{\"code\":10001,\"message\":\"render failed\",\"raw_message\":\"gpu lost\","
                + "\"detail\":null}}";
    }

    /** One response as read off the wire: its status line, its head and its body. */
    record Response(int status, String head, String body) {

        /** The first value of a header, or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** Reads one response head (interim or final) and, for a final one, its Content-Length body. */
    static Response read(Socket socket) throws IOException {
        Response headOnly = readHead(socket);
        String length = headOnly.header("Content-Length");
        if (headOnly.status() < 200 || length == null) {
            return headOnly;
        }
        byte[] body = socket.getInputStream().readNBytes(Integer.parseInt(length));
        return new Response(headOnly.status(), headOnly.head(), new String(body, StandardCharsets.UTF_8));
    }

    /** Reads one response head, up to its blank line, and nothing more. */
    static Response readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended after " + head.size() + " bytes of a response head: '"
                        + head.toString(StandardCharsets.ISO_8859_1) + "'");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return new Response(Integer.parseInt(text.substring(9, 12)), text, "");
    }

    /** Reads to the end: true when the peer closed cleanly (FIN), false when it reset the connection. */
    static boolean readsToEnd(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            if (e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the server still holds this connection open: nothing to read and no end, right now. */
    static boolean stillOpen(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (SocketException e) {
            return false;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** Waits until the condition holds; fails after {@link #PATIENCE}. The wait bounds only a failure. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Chunked transfer coding of the given pieces, last chunk and an empty trailer included. */
    static byte[] chunked(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            out.writeBytes(ascii(Integer.toHexString(p.length) + "\r\n"));
            out.writeBytes(p);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    /** Splits bytes into pieces of at most {@code size}. */
    static List<byte[]> pieces(byte[] bytes, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            out.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
        }
        return out;
    }

    /** Writes on a thread of its own (a sender that does not read while it sends); errors end it quietly. */
    static Thread sendInBackground(Socket socket, byte[] bytes) {
        Thread t = new Thread(
                () -> {
                    try {
                        send(socket, bytes);
                    } catch (IOException | UncheckedIOException e) {
                        // the server closed the connection before taking it all: expected for refused bodies
                    }
                },
                "raw-http-sender");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
