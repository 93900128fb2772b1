package io.legnext.app.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** Fetches result files over HTTP with the JDK's client, following the CDN's redirects. */
public final class HttpDownloadSource implements DownloadSource {

    /** Time to get the response headers of one file. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;

    /** A source with its own client. */
    public HttpDownloadSource() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** A source sharing a client. */
    public HttpDownloadSource(HttpClient client) {
        this.client = Objects.requireNonNull(client, "client");
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
        return new Opened(response.body(), length);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
