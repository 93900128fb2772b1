package io.legnext.app.download;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fetches result files over HTTP with the JDK's client, following the CDN's redirects. A body that stops flowing
 * fails after {@link #DEFAULT_READ_TIMEOUT} without a byte (a watchdog closes the stream), instead of hanging.
 */
public final class HttpDownloadSource implements DownloadSource {

    /** Time to get the response headers of one file. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** How long one read of a body may wait for its next bytes: a CDN that stalls this long has given up. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Duration readTimeout;

    /** A source with its own client. */
    public HttpDownloadSource() {
        this(defaultClient(), DEFAULT_READ_TIMEOUT);
    }

    /** A source sharing a client. */
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

    /** The client the no-argument constructor uses: 10 s to connect, redirects followed. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Opened open(URI url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching " + DownloadSource.redact(url), e);
        } catch (IOException e) {
            throw new IOException("Cannot fetch " + DownloadSource.redact(url) + ": " + describe(e), e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("Fetching " + DownloadSource.redact(url) + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 403 || response.statusCode() == 404
                            ? " (result URLs are signed and expire some days after the job ended)" : ""));
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Opened(new WatchedInputStream(response.body(), readTimeout), length);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
