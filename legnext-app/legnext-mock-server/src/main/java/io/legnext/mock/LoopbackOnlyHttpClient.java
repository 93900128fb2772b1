package io.legnext.mock;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client the fake delivers callbacks with, limited to this machine: a request to any host but
 * {@code localhost}, a {@code 127.x.x.x} address or {@code [::1]} fails at once, unsent (judged from the URL's
 * text, so no name is even looked up), and the fake logs the delivery as failed. A mock server that a test or a
 * fuzzer feeds remote callback URLs thereby sends nothing off the machine.
 */
final class LoopbackOnlyHttpClient extends HttpClient {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    private final HttpClient delegate;

    LoopbackOnlyHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** Whether {@code uri} names this machine by its text alone. */
    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("[::1]")
                || h.equals("::1")
                || LOOPBACK_V4.matcher(h).matches();
    }

    /** Why a request was not sent: the callback URL names another machine. */
    static final class NotSentOffThisMachine extends IOException {
        private static final long serialVersionUID = 1L;

        NotSentOffThisMachine(URI uri) {
            super("the mock server delivers callbacks to this machine only (localhost, 127.x.x.x, [::1]), not to "
                    + uri.getHost() + "; start it with --callbacks-anywhere (callbacksAnywhere(true)) to allow that");
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (!isLoopback(request.uri())) {
            throw new NotSentOffThisMachine(request.uri());
        }
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (!isLoopback(request.uri())) {
            return CompletableFuture.failedFuture(new NotSentOffThisMachine(request.uri()));
        }
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        if (!isLoopback(request.uri())) {
            return CompletableFuture.failedFuture(new NotSentOffThisMachine(request.uri()));
        }
        return delegate.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
