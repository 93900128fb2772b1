package io.legnext.app.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP server on 127.0.0.1 that answers every connection with the same raw bytes, then closes it: for responses
 * a well-behaved server cannot send (a malformed or lying Content-Length).
 */
final class RawHttpStub implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] response;
    private final Thread thread;

    RawHttpStub(String response) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.response = response.getBytes(StandardCharsets.ISO_8859_1);
        this.thread = new Thread(this::serve, "raw-http-stub");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + pathAndQuery);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                readHeaders(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(response);
                out.flush();
                s.shutdownOutput();
                // Waits for the client to hang up, so that it sees the end of the bytes rather than a reset.
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed, or the client hung up: serve the next one
            }
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** A port on 127.0.0.1 that nothing listens on (it was just released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
