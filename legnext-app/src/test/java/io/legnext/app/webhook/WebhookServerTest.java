package io.legnext.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.legnext.app.Legnext;
import io.legnext.core.domain.Job;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The server's own limits, over raw loopback sockets. */
class WebhookServerTest {

    final List<String> rejected = new CopyOnWriteArrayList<>();
    final WebhookServer.Events events = new WebhookServer.Events() {
        @Override
        public void accepted(Job job) {
        }

        @Override
        public void rejected(int status, String why) {
            rejected.add(status + " " + why);
        }
    };

    @Test
    void aClientTricklingItsBodyIsCutOffAtTheBodyReadTimeout() throws Exception {
        try (WebhookServer server = WebhookServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/", Legnext.standaloneCallbackReceiver(Optional.empty(), Clock.systemUTC()), events,
                Duration.ofMillis(300));
                Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            AtomicBoolean trickling = new AtomicBoolean(true);
            Thread trickler = new Thread(() -> {
                try {
                    while (trickling.get()) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(30);
                    }
                } catch (Exception e) {
                    // dropped by the server: done
                }
            }, "trickler");
            trickler.setDaemon(true);
            trickler.start();
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                    InputStream in = slow.getInputStream();
                    try {
                        assertThat(in.read()).as("the server drops the connection without answering").isEqualTo(-1);
                    } catch (SocketException reset) {
                        // dropped with unread bytes: a reset is as good
                    }
                });
            } finally {
                trickling.set(false);
            }
            assertThat(rejected).singleElement().asString().startsWith("408 ");
        }
    }
}
