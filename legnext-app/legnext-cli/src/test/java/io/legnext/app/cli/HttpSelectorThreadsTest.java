package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The selector thread of an HTTP client that has talked to a real server on 127.0.0.1 is found and ended, so that the
 * JVM's exit does not wait for it. Only this test's own client is ended: other tests' clients live in this JVM too.
 */
class HttpSelectorThreadsTest {

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void theSelectorOfAClientThatTalkedIsFoundAndEnded() throws Exception {
        List<Thread> before = HttpSelectorThreads.running();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        assertThat(client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                        .body())
                .isEqualTo("ok");
        List<Thread> mine = new ArrayList<>(HttpSelectorThreads.running());
        mine.removeAll(before);
        assertThat(mine).as("this client's selector thread").hasSize(1);

        assertThat(HttpSelectorThreads.end(mine)).isEqualTo(1);

        mine.get(0).join(60_000); // end() waits at most 200 ms; a loaded machine may need longer, which is no failure
        assertThat(mine.get(0).isAlive())
                .as("the selector thread, once interrupted")
                .isFalse();
        assertThat(HttpSelectorThreads.running()).doesNotContain(mine.get(0));
    }
}
