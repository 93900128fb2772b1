package io.legnext.app.webhook;

import static io.legnext.app.webhook.RawHttp.read;
import static io.legnext.app.webhook.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 server on its own, with a handler that echoes what it was handed. */
class NioHttpServerTest {

    final BlockingQueue<NioHttpServer.Request> handled = new LinkedBlockingQueue<>();
    final List<Socket> sockets = new ArrayList<>();
    NioHttpServer server;

    void start(NioHttpServer.Limits limits) throws IOException {
        server = NioHttpServer.start(
                "test-http", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, request -> {
                    handled.add(request);
                    if (request.path().equals("/fail")) {
                        throw new IllegalStateException("handler bug");
                    }
                    return NioHttpServer.Response.text(
                            200,
                            request.method() + " " + request.path() + " "
                                    + new String(request.body(), StandardCharsets.UTF_8));
                });
    }

    Socket open() throws IOException {
        Socket s = RawHttp.connect(server.address().getPort());
        sockets.add(s);
        return s;
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Socket s = open();

        send(
                s,
                "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\none"
                        + "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3;ext=1\r\ntwo\r\n0\r\nX-T: 1\r\n\r\n"
                        + "GET /c?q=1 HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(read(s).body()).isEqualTo("POST /a one\n");
        assertThat(read(s).body()).isEqualTo("POST /b two\n");
        assertThat(read(s).body()).isEqualTo("GET /c \n");
        assertThat(RawHttp.stillOpen(s)).as("kept alive").isTrue();
    }

    @Test
    void connectionCloseIsHonouredAfterTheAnswer() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Socket s = open();

        send(s, "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");

        RawHttp.Response response = read(s);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(RawHttp.readsToEnd(s)).isTrue();
    }

    @Test
    void anHttp10RequestIsAnsweredAndTheConnectionClosed() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Socket s = open();

        send(s, "GET /old HTTP/1.0\r\n\r\n");

        assertThat(read(s).body()).isEqualTo("GET /old \n");
        assertThat(RawHttp.readsToEnd(s)).isTrue();
    }

    @Test
    void aHeadRequestGetsTheHeadAlone() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Socket s = open();

        send(s, "HEAD / HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n");

        RawHttp.Response head = RawHttp.readHead(s);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("HEAD / \n".length() + "");
        assertThat(read(s).body())
                .as("the next answer follows the head at once")
                .isEqualTo("GET /next \n");
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAtTheHeadDeadline() throws Exception {
        start(NioHttpServer.Limits.defaults().withHeaderTimeout(Duration.ofMillis(300)));
        Socket s = open();
        send(s, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(read(s).status()).isEqualTo(200);

        assertThat(RawHttp.readsToEnd(s)).isTrue();
    }

    @Test
    void aHeadOverTheLimitGets431() throws Exception {
        start(NioHttpServer.Limits.defaults().withMaxHeaderBytes(1024));
        Socket s = open();

        send(s, "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");

        assertThat(read(s).status()).isEqualTo(431);
        assertThat(handled).isEmpty();
    }

    @Test
    void malformedRequestsGet400AndReachNoHandler() throws Exception {
        start(NioHttpServer.Limits.defaults());
        String[] bad = {
            "NOT A REQUEST LINE\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        };
        for (String request : bad) {
            Socket s = open();
            send(s, request);
            assertThat(read(s).status()).as(request).isEqualTo(400);
            assertThat(RawHttp.readsToEnd(s)).isTrue();
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void unsupportedCodingsExpectationsAndVersionsGetTheirOwnStatus() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Map<String, Integer> cases = Map.of(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
                "POST / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\n", 417,
                "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            Socket s = open();
            send(s, c.getKey());
            assertThat(read(s).status()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void aHandlerThatFailsGets500AndTheConnectionClosed() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Socket s = open();

        send(s, "GET /fail HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(read(s).status()).isEqualTo(500);
        assertThat(RawHttp.readsToEnd(s)).isTrue();
    }

    @Test
    void headerNamesMatchInAnyCaseAndRepeatedOnesKeepEveryValue() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Socket s = open();

        send(s, "GET / HTTP/1.1\r\nHost: h\r\nx-sig: a\r\nX-SIG: b\r\n\r\n");

        assertThat(read(s).status()).isEqualTo(200);
        NioHttpServer.Request request = handled.take();
        assertThat(request.headers().get("X-Sig")).containsExactly("a", "b");
        assertThat(request.header("x-SIG")).isEqualTo("a");
    }

    @Test
    void aRequestsTextNamesItsHeadersButNotTheirValues() {
        NioHttpServer.Request request = new NioHttpServer.Request(
                "POST", "/", "HTTP/1.1", Map.of("Authorization", List.of("Bearer sk-live-canary")), new byte[3], null);

        assertThat(request.toString())
                .contains("Authorization")
                .contains("3 body bytes")
                .doesNotContain("sk-live-canary");
    }

    @Test
    void limitsRefuseNonsenseNamingTheBoundAndTheValue() {
        NioHttpServer.Limits limits = NioHttpServer.Limits.defaults();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> limits.withHeaderTimeout(Duration.ZERO))
                .withMessage("'headerTimeout' must be a positive duration, was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> limits.withMaxConnections(0))
                .withMessage("'maxConnections' must be between 1 and 100000, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> limits.withMaxBodyBytes(-5))
                .withMessage("'maxBodyBytes' must be between 1 and 2147483639, was -5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NioHttpServer.Response.text(99, "x"))
                .withMessage("'status' must be between 200 and 599, was 99");
    }

    @Test
    void closingEndsEveryConnection() throws Exception {
        start(NioHttpServer.Limits.defaults());
        Socket s = open();
        send(s, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(read(s).status()).isEqualTo(200);

        server.close();

        RawHttp.readsToEnd(s);
        assertThat(server.openConnections()).isZero();
    }
}
