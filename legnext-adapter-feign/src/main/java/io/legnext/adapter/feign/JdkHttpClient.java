package io.legnext.adapter.feign;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Feign's transport over {@link HttpClient}, reading each (small) body whole.
 *
 * <p>feign-java11's client hands bodies over as a stream fed by the HTTP client's own threads; for the service's
 * few-KiB JSON answers, that hand-off cost more than the rest of the call's overhead together (measured: about
 * 70 us of 85 per lookup on loopback). Reading the body as one byte array finishes on the client's thread and keeps
 * the adapter within a few percent of a hand-written call.
 */
final class JdkHttpClient implements Client {

    /** Headers {@link HttpClient} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = caseInsensitive("connection", "content-length", "expect", "host",
            "upgrade");

    /** The largest body read: task objects are a few KiB, so this only stops a runaway answer exhausting memory. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final HttpClient http;

    JdkHttpClient(HttpClient http) {
        this.http = http;
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
            if (!RESTRICTED.contains(header.getKey())) {
                for (String value : header.getValue()) {
                    builder.header(header.getKey(), value);
                }
            }
        }
        byte[] body = request.body();
        if (body == null && request.httpMethod() == Request.HttpMethod.GET) {
            // GET() sends no body at all; method("GET", noBody()) would still go through the body-writing path.
            builder.GET();
        } else {
            builder.method(request.httpMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), info -> new LimitedBody(MAX_BODY_BYTES));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + request.httpMethod() + " " + request.url(), e);
        }
        Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        return Response.builder()
                .request(request)
                .status(response.statusCode())
                .reason(null)
                .headers(headers)
                .protocolVersion(response.version() == HttpClient.Version.HTTP_2 ? Request.ProtocolVersion.HTTP_2
                        : Request.ProtocolVersion.HTTP_1_1)
                .body(response.body())
                .build();
    }

    /** Collects a body up to a limit, and fails the exchange as soon as the body outgrows it. */
    static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if ((long) out.size() + item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the response body is larger than " + limit
                            + " bytes; legnext reads at most that"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
