package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A client for a plain http base URL is built without the system trust store: a TLS connection through it is refused
 * in words, never made unchecked. (That plain http works through it, every test against the stub server shows.)
 */
class PlainHttpOnlyTest {

    @Test
    void anHttpsRequestIsRefusedSayingWhy() throws IOException {
        HttpClient client =
                HttpClient.newBuilder().sslContext(new PlainHttpOnly()).build();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI https = URI.create("https://127.0.0.1:" + listening.getLocalPort() + "/api/account/balance");

            assertThatThrownBy(() ->
                            client.send(HttpRequest.newBuilder(https).build(), HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("TLS is not set up on this client")
                    .hasMessageContaining("plain http");
        }
    }

    @Test
    void itOffersNoWayToOpenATlsConnection() {
        PlainHttpOnly context = new PlainHttpOnly();

        assertThatThrownBy(context::getSocketFactory).hasMessageContaining("TLS is not set up");
        assertThatThrownBy(context::createSSLEngine).hasMessageContaining("TLS is not set up");
        assertThatThrownBy(() -> context.init(null, null, null)).hasMessageContaining("TLS is not set up");
        assertThat(context.getDefaultSSLParameters()).isNotNull();
    }
}
