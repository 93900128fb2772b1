package io.legnext.app.download;

import io.legnext.app.IoFailures;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fetches result files over HTTP with the JDK's client, following the CDN's redirects itself (at most
 * {@link #MAX_REDIRECTS}, never from https down to plain http) so that a failure names the host it happened at. A
 * body that stops flowing fails after {@link #DEFAULT_READ_TIMEOUT} without a byte (a watchdog closes the stream),
 * instead of hanging.
 */
public final class HttpDownloadSource implements DownloadSource {

    /** Time to get the response headers of one file. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** How long one read of a body may wait for its next bytes: a CDN that stalls this long has given up. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** How many redirects one file may take: a CDN uses one or two; more is a loop. */
    public static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final Duration readTimeout;

    /** A source with its own client. */
    public HttpDownloadSource() {
        this(defaultClient(), DEFAULT_READ_TIMEOUT);
    }

    /** A source sharing a client; when the client follows redirects itself, failures cannot name the hops. */
    public HttpDownloadSource(HttpClient client) {
        this(client, DEFAULT_READ_TIMEOUT);
    }

    /**
     * A source sharing a client, failing a body that sends nothing for {@code readTimeout}.
     *
     * @param readTimeout how long one read may wait for bytes; positive
     */
    public HttpDownloadSource(HttpClient client, Duration readTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("'readTimeout' must be positive, was " + readTimeout);
        }
    }

    /** The client the no-argument constructor uses: 10 s to connect; redirects are left to the source. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Opened open(URI url) throws IOException {
        List<URI> hops = new ArrayList<>();
        URI at = url;
        while (true) {
            HttpResponse<InputStream> response = send(url, hops, at);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                if (status != 200) {
                    response.body().close();
                    throw new IOException("Fetching " + where(url, hops) + " answered HTTP " + status
                            + (status == 403 || status == 404
                                    ? " (result URLs are signed and expire some days after the job ended)"
                                    : ""));
                }
                return new Opened(new WatchedInputStream(response.body(), readTimeout), length(response));
            }
            response.body().close();
            URI next = redirectTarget(url, hops, at, response);
            hops.add(next);
            at = next;
        }
    }

    private HttpResponse<InputStream> send(URI url, List<URI> hops, URI at) throws IOException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(at).timeout(REQUEST_TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            throw new IOException("Cannot fetch " + where(url, hops) + ": it is not a usable http or https address", e);
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching " + where(url, hops), e);
        } catch (IOException | RuntimeException e) {
            // The JDK's client throws IllegalArgumentException for a malformed header, as well as IOExceptions.
            throw new IOException("Cannot fetch " + where(url, hops) + ": " + IoFailures.network(e, at), e);
        }
    }

    /** Where a redirect leads; refused when it cannot be followed safely. */
    private static URI redirectTarget(URI url, List<URI> hops, URI at, HttpResponse<?> response) throws IOException {
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse("");
        URI next;
        try {
            next = location.isBlank() ? null : at.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            next = null;
        }
        if (next == null || next.getHost() == null) {
            throw new IOException("Fetching " + where(url, hops) + " answered HTTP " + status + " (a redirect) without"
                    + " a usable address to go to");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("Fetching " + where(url, hops) + " was redirected to a " + scheme + ": address,"
                    + " which is not http or https: refused");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(at.getScheme())) {
            throw new IOException("Fetching " + where(url, hops) + " was redirected from https down to plain http ("
                    + DownloadSource.redact(next) + "): refused, the file would travel unencrypted and could be"
                    + " altered on the way");
        }
        if (hops.size() >= MAX_REDIRECTS) {
            throw new IOException("Fetching " + where(url, hops) + " was redirected more than " + MAX_REDIRECTS
                    + " times: giving up (a redirect loop?)");
        }
        return next;
    }

    /** The URL, and the redirects taken from it, without the query of any (which carries a signature). */
    private static String where(URI url, List<URI> hops) {
        if (hops.isEmpty()) {
            return DownloadSource.redact(url);
        }
        StringBuilder b = new StringBuilder(DownloadSource.redact(url)).append(" (redirected to ");
        for (int i = 0; i < hops.size(); i++) {
            b.append(i == 0 ? "" : ", then to ").append(DownloadSource.redact(hops.get(i)));
        }
        return b.append(')').toString();
    }

    /** The announced length, or -1 when there is none or it makes no sense. */
    private static long length(HttpResponse<?> response) {
        try {
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return Math.max(-1, length);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Closes streams whose read waited too long; one daemon thread for every download of the process. */
    private static final class Watchdog {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "legnext-download-watchdog");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }

    /**
     * A body whose every read is watched: when one waits longer than the timeout, the stream is closed from the
     * watchdog's thread (which wakes the blocked read) and the read fails with a message saying so.
     */
    static final class WatchedInputStream extends FilterInputStream {
        private final Duration timeout;
        private volatile boolean timedOut;

        WatchedInputStream(InputStream in, Duration timeout) {
            super(in);
            this.timeout = timeout;
        }

        @Override
        public int read() throws IOException {
            ScheduledFuture<?> alarm = arm();
            try {
                return super.read();
            } catch (IOException e) {
                throw translated(e);
            } finally {
                alarm.cancel(false);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> alarm = arm();
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw translated(e);
            } finally {
                alarm.cancel(false);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            ScheduledFuture<?> alarm = arm();
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw translated(e);
            } finally {
                alarm.cancel(false);
            }
        }

        private ScheduledFuture<?> arm() throws IOException {
            if (timedOut) {
                throw stalled(null);
            }
            return Watchdog.EXECUTOR.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void expire() {
            timedOut = true;
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // The blocked read fails all the same, or has just returned.
            }
        }

        private IOException translated(IOException e) {
            return timedOut ? stalled(e) : e;
        }

        private IOException stalled(IOException cause) {
            return new IOException("no data for " + describe(timeout) + " (read timeout): the server stalled", cause);
        }

        private static String describe(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }
    }
}
