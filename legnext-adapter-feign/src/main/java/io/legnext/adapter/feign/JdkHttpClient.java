package io.legnext.adapter.feign;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Feign's transport over {@link HttpClient}: sets the key and the User-Agent, and reads each (small) body whole.
 *
 * <p>The key is added here, below Feign, rather than by a request interceptor: no Feign logger, at any level, ever
 * holds a request that carries it, and Feign does not compile two header templates on every call (a profile of a
 * lookup loop put the interceptor at 4 % of the calling thread's CPU).
 *
 * <p>feign-java11's client hands bodies over as a stream fed by the HTTP client's own threads; for the service's
 * few-KiB JSON answers, that hand-off cost more than the rest of the call's overhead together (measured: about
 * 70 us of 85 per lookup on loopback). Bodies are read whole instead, through
 * {@link HttpResponse.BodySubscribers#ofByteArrayConsumer}: the JDK trusts its own subscribers not to block and
 * finishes them without a hand-off to a worker thread, which it makes for any subscriber of ours (measured: 9 us of
 * CPU and 3 % of a loopback lookup's latency). The consumer counts what it is given and stops the exchange once the
 * body outgrows {@link #MAX_BODY_BYTES}.
 *
 * <p>The client it builds by default ({@link #defaultClient}) also runs the HTTP client's own work on the calling
 * thread, which removes the last hand-off between threads.
 */
final class JdkHttpClient implements Client {

    /** The header the service reads the key from. */
    static final String API_KEY_HEADER = "x-api-key";

    /** The largest body read: task objects are a few KiB, so this only stops a runaway answer exhausting memory. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final HttpClient http;
    private final ApiKey key;
    private final String userAgent;

    JdkHttpClient(HttpClient http, ApiKey key, String userAgent) {
        this.http = http;
        this.key = key;
        this.userAgent = userAgent;
    }

    /**
     * The adapter's own client. Its executor is the calling thread: the JDK's default hands every response from its
     * selector thread to a worker thread, which on a lookup of a few KiB cost more CPU than the rest of legnext
     * together. The work it moves is the client's own (reading, TLS, HTTP/2 framing, completing the exchange); the
     * adapter only calls {@code send}, whose caller waits anyway, and {@link BoundedBody} never blocks; timeouts are
     * timed by the selector thread and still fire, and an interrupted caller stops waiting. HTTP/2 is negotiated
     * over TLS; on plain http (local stubs, proxies) HTTP/1.1 avoids an h2c upgrade dance.
     *
     * @param ssl the TLS settings, or null for the JDK's
     */
    static HttpClient defaultClient(URI base, Duration connectTimeout, SSLContext ssl) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(
                        "https".equalsIgnoreCase(base.getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Runnable::run);
        if (ssl != null) {
            http.sslContext(ssl);
        }
        return http.build();
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(new URI(request.url()));
        } catch (URISyntaxException e) {
            throw new IOException("Invalid URL " + request.url(), e);
        }
        builder.timeout(Duration.ofMillis(options.readTimeoutMillis()));
        for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
            if (isOurs(header.getKey())) {
                continue;
            }
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        builder.header(API_KEY_HEADER, key.reveal());
        builder.header("User-Agent", userAgent);
        byte[] payload = request.body();
        if (payload == null && request.httpMethod() == Request.HttpMethod.GET) {
            // GET() sends no body at all; method("GET", noBody()) would still go through the body-writing path.
            builder.GET();
        } else {
            builder.method(
                    request.httpMethod().name(),
                    payload == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        BoundedBody body = new BoundedBody(MAX_BODY_BYTES);
        HttpResponse<Void> response;
        try {
            response = http.send(builder.build(), info -> HttpResponse.BodySubscribers.ofByteArrayConsumer(body));
        } catch (IOException e) {
            // How a throwing consumer surfaces is the JDK's business; the message the caller sees is ours.
            throw body.overflowed() ? new BodyTooLargeException(body.limit, e) : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(
                    "interrupted while waiting for " + request.httpMethod() + " " + request.url());
            interrupted.initCause(e);
            throw interrupted;
        }
        AnsweredStatus.set(response.statusCode());
        return Response.builder()
                .request(request)
                .status(response.statusCode())
                .reason(null)
                // Feign copies these into a case-insensitive map of its own: no copy of ours first.
                .headers(Collections.unmodifiableMap(response.headers().map()))
                .protocolVersion(
                        response.version() == HttpClient.Version.HTTP_2
                                ? Request.ProtocolVersion.HTTP_2
                                : Request.ProtocolVersion.HTTP_1_1)
                .body(body.bytes())
                .build();
    }

    /**
     * Headers this transport sets itself (the key, the User-Agent) or that {@link HttpClient} sets and refuses from
     * callers: whatever Feign holds for them is dropped.
     */
    static boolean isOurs(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case API_KEY_HEADER, "user-agent", "connection", "content-length", "expect", "host", "upgrade" -> true;
            default -> false;
        };
    }

    /** An answer whose body outgrew {@link #MAX_BODY_BYTES}: the exchange was aborted without reading the rest. */
    static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        private final int limit;

        BodyTooLargeException(int limit, Throwable cause) {
            super(BoundedBody.overflowMessage(limit), cause);
            this.limit = limit;
        }

        /** The most bytes read. */
        int limit() {
            return limit;
        }
    }

    /**
     * Collects a body up to a limit. Past it, it throws: the HTTP client then aborts the exchange without reading
     * the rest (on HTTP/1.1 by closing the connection; on HTTP/2 the JDK resets the stream), and {@code send} throws
     * an {@link IOException}, which {@link #execute} rethrows as a {@link BodyTooLargeException}. Both paths are
     * tested: the fault suite runs over plain http and over HTTPS with HTTP/2.
     */
    static final class BoundedBody implements Consumer<Optional<byte[]>> {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int limit;
        private volatile boolean overflowed;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public void accept(Optional<byte[]> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            byte[] bytes = chunk.get();
            if (overflowed || (long) out.size() + bytes.length > limit) {
                overflowed = true;
                throw new IllegalStateException(overflowMessage(limit));
            }
            out.write(bytes, 0, bytes.length);
        }

        boolean overflowed() {
            return overflowed;
        }

        static String overflowMessage(int limit) {
            return "the response body is larger than " + limit + " bytes; legnext reads at most that";
        }

        /** What was read; called once {@code send} has returned, which orders it after every {@link #accept}. */
        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
