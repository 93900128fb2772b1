package io.legnext.adapter.fake;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/** Creates the default HTTP client on first use, so a fake that never calls back starts no client threads. */
final class LazyHttpClient implements Supplier<HttpClient> {
    private volatile HttpClient client;

    @Override
    public HttpClient get() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }
}
