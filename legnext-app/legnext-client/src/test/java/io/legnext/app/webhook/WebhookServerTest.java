package io.legnext.app.webhook;

import static io.legnext.app.webhook.RawHttp.PATIENCE;
import static io.legnext.app.webhook.RawHttp.ascii;
import static io.legnext.app.webhook.RawHttp.connect;
import static io.legnext.app.webhook.RawHttp.postHead;
import static io.legnext.app.webhook.RawHttp.read;
import static io.legnext.app.webhook.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.app.Legnext;
import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.job.Job;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The callback server over raw loopback sockets: deliveries, deadlines, limits, and clients that misbehave. */
class WebhookServerTest {

    static final String SECRET = "whsec-server-test-9c1d";
    /** Deadlines far past any test, for tests where slow clients must stay open throughout. */
    static final Duration LONG = Duration.ofMinutes(2);
    /** Deadlines short enough to wait for. */
    static final Duration SHORT = Duration.ofMillis(300);

    final BlockingQueue<Job> accepted = new LinkedBlockingQueue<>();
    final BlockingQueue<String> rejected = new LinkedBlockingQueue<>();
    final WebhookServer.Events events = new WebhookServer.Events() {
        @Override
        public void accepted(Job job) {
            accepted.add(job);
        }

        @Override
        public void rejected(int status, String why) {
            rejected.add(status + " " + why);
        }
    };
    final List<Socket> sockets = new ArrayList<>();
    WebhookServer server;

    WebhookServer start(NioHttpServer.Limits limits) throws IOException {
        return start("/", limits);
    }

    WebhookServer start(String path, NioHttpServer.Limits limits) throws IOException {
        server = WebhookServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                path,
                Legnext.standaloneCallbackReceiver(Optional.of(SECRET), Clock.systemUTC()),
                events,
                limits);
        return server;
    }

    Socket open() throws IOException {
        Socket s = connect(server.address().getPort());
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

    /** A whole signed delivery of a task for {@code id}: head and body. */
    static byte[] signedDelivery(UUID id, String... extraHeaders) {
        byte[] body = RawHttp.task(id).getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        String sig = WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), ts, body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(postHead(
                body.length,
                WebhookSignature.TIMESTAMP_HEADER + ": " + ts + "\r\n",
                WebhookSignature.SIGNATURE_HEADER + ": " + sig + "\r\n",
                String.join("", extraHeaders))));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static String signedChunkedHead(byte[] body) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                + WebhookSignature.TIMESTAMP_HEADER + ": " + ts + "\r\n" + WebhookSignature.SIGNATURE_HEADER + ": "
                + WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), ts, body) + "\r\n\r\n";
    }

    String nextRejection() throws InterruptedException {
        String why = rejected.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(why).as("a refusal, within " + PATIENCE.toSeconds() + " s").isNotNull();
        return why;
    }

    Job nextAccepted() throws InterruptedException {
        Job job = accepted.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(job)
                .as("an accepted delivery, within " + PATIENCE.toSeconds() + " s")
                .isNotNull();
        return job;
    }

    // ------------------------------------------------------------------------------ slow and silent clients

    @Test
    void aSignedDeliveryIsAnsweredAtOnceWhileSilentAndTricklingClientsStayOpen() throws Exception {
        start(WebhookServer.defaultLimits().withHeaderTimeout(LONG).withBodyTimeout(LONG));
        List<Socket> bad = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket partialHead = open();
            send(partialHead, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
            bad.add(partialHead);
            Socket noBody = open();
            send(noBody, postHead(1000));
            bad.add(noBody);
        }
        List<Socket> tricklers = new ArrayList<>();
        List<byte[]> scripts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket t = open();
            if (i % 2 == 0) {
                scripts.add(ascii("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n"));
            } else {
                send(t, postHead(100));
                scripts.add(new byte[100]);
            }
            tricklers.add(t);
        }
        bad.addAll(tricklers);
        // One test thread drives all eight at a byte a second each: four through their heads, four their bodies.
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        int[] sent = new int[8];
        driver.scheduleAtFixedRate(
                () -> {
                    for (int i = 0; i < 8; i++) {
                        if (sent[i] < scripts.get(i).length) {
                            try {
                                send(tricklers.get(i), new byte[] {scripts.get(i)[sent[i]++]});
                            } catch (IOException e) {
                                sent[i] = Integer.MAX_VALUE;
                            }
                        }
                    }
                },
                0,
                1,
                TimeUnit.SECONDS);
        try {
            RawHttp.await("the server to hold all 16 slow or silent connections", () -> server.openConnections() == 16);
            UUID id = UUID.randomUUID();

            long started = System.nanoTime();
            Socket valid = open();
            send(valid, signedDelivery(id, "Connection: close\r\n"));
            RawHttp.Response response = read(valid);
            long latency = System.nanoTime() - started;

            System.out.printf(
                    "WebhookServerTest: a signed delivery was answered %d in %.1f ms with 16 slow or silent"
                            + " clients open (4 partial heads, 4 declared bodies never sent, 8 byte-per-second senders)%n",
                    response.status(), latency / 1e6);
            assertThat(response.status()).isEqualTo(200);
            assertThat(nextAccepted().id().toString()).isEqualTo(id.toString());
            for (Socket s : bad) {
                assertThat(RawHttp.stillOpen(s))
                        .as("a slow client is still open: it was not closed to make way")
                        .isTrue();
            }
        } finally {
            driver.shutdownNow();
        }
    }

    @Test
    void aClientThatSendsPartOfItsHeadIsDroppedAtTheHeadDeadline() throws Exception {
        start(WebhookServer.defaultLimits().withHeaderTimeout(SHORT).withBodyTimeout(LONG));
        Socket partial = open();

        send(partial, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");

        RawHttp.readsToEnd(partial);
        assertThat(nextRejection()).isEqualTo("408 request head not received within 300 ms; connection dropped");
    }

    @Test
    void aClientTricklingItsHeadIsDroppedAtTheHeadDeadlineThoughItKeepsSending() throws Exception {
        start(WebhookServer.defaultLimits().withHeaderTimeout(SHORT).withBodyTimeout(LONG));
        Socket slow = open();
        Thread trickler = trickle(slow, ascii("POST / HTTP/1.1\r\n" + "X-Padding: a\r\n".repeat(10_000)));
        try {
            RawHttp.readsToEnd(slow);
        } finally {
            trickler.interrupt();
        }
        assertThat(nextRejection()).startsWith("408 request head not received within 300 ms");
    }

    @Test
    void aClientThatDeclaresABodyAndSendsNoneIsDroppedAtTheBodyDeadline() throws Exception {
        start(WebhookServer.defaultLimits().withHeaderTimeout(LONG).withBodyTimeout(SHORT));
        Socket silent = open();

        send(silent, postHead(1000));

        RawHttp.readsToEnd(silent);
        assertThat(nextRejection()).isEqualTo("408 body not received within 300 ms; connection dropped");
    }

    @Test
    void aClientTricklingItsBodyIsCutOffAtTheBodyDeadline() throws Exception {
        start(WebhookServer.defaultLimits().withHeaderTimeout(LONG).withBodyTimeout(SHORT));
        Socket slow = open();
        send(slow, postHead(100_000));
        Thread trickler = trickle(slow, new byte[100_000]);
        try {
            RawHttp.readsToEnd(slow);
        } finally {
            trickler.interrupt();
        }
        assertThat(nextRejection()).startsWith("408 body not received within 300 ms");
    }

    /** Sends a byte every 30 ms until interrupted or cut off; the pace only makes it slow, nothing waits on it. */
    static Thread trickle(Socket socket, byte[] bytes) {
        Thread t = new Thread(
                () -> {
                    try {
                        for (byte b : bytes) {
                            send(socket, new byte[] {b});
                            Thread.sleep(30);
                        }
                    } catch (IOException | InterruptedException e) {
                        // cut off by the server, or the test is over
                    }
                },
                "trickler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void whenFullTheOldestWaitingConnectionIsClosedToAdmitADelivery() throws Exception {
        start(WebhookServer.defaultLimits()
                .withHeaderTimeout(LONG)
                .withBodyTimeout(LONG)
                .withMaxConnections(4));
        List<Socket> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket s = open();
            send(s, postHead(1000, "Expect: 100-continue\r\n"));
            // The interim answer says the server has read this head and waits for the body: one at a time, so
            // that which has waited longest is known.
            assertThat(read(s).status()).isEqualTo(100);
            waiting.add(s);
        }
        UUID id = UUID.randomUUID();

        Socket valid = open();
        send(valid, signedDelivery(id));

        assertThat(read(valid).status()).isEqualTo(200);
        RawHttp.readsToEnd(waiting.get(0));
        for (Socket s : waiting.subList(1, 4)) {
            assertThat(RawHttp.stillOpen(s)).isTrue();
        }
        assertThat(nextRejection()).startsWith("408 connection dropped unanswered to make room: 4 connections");
    }

    // ------------------------------------------------------------------------------ bodies

    @Test
    void aTwentyMebibyteBodyGetsA413ThatItsSenderCanRead() throws Exception {
        // A drain deadline past the test: the connection must end by the sender's close, never by a reset.
        start(WebhookServer.defaultLimits().withDrain(LONG, 64L * 1024 * 1024));
        Socket sender = open();
        int size = 20 * 1024 * 1024;
        send(sender, postHead(size));
        RawHttp.sendInBackground(sender, new byte[size]);

        RawHttp.Response response = read(sender);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.body()).contains("body larger than 1048576 bytes");
        assertThat(RawHttp.readsToEnd(sender))
                .as("the connection ends cleanly, not by a reset")
                .isTrue();
        assertThat(nextRejection()).startsWith("413 body larger than 1048576 bytes");
    }

    @Test
    void aClientExpectingContinueIsToldToSendItsBodyAndTheDeliveryIsAccepted() throws Exception {
        start(WebhookServer.defaultLimits());
        UUID id = UUID.randomUUID();
        byte[] delivery = signedDelivery(id, "Expect: 100-continue\r\n");
        int head = new String(delivery, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        Socket s = open();

        send(s, Arrays.copyOfRange(delivery, 0, head));
        assertThat(read(s).status()).isEqualTo(100);
        send(s, Arrays.copyOfRange(delivery, head, delivery.length));

        assertThat(read(s).status()).isEqualTo(200);
        assertThat(nextAccepted().id().toString()).isEqualTo(id.toString());
    }

    @Test
    void aClientExpectingContinueForAnOversizedBodyGets413InsteadOfContinue() throws Exception {
        start(WebhookServer.defaultLimits());
        Socket s = open();

        send(s, postHead(20 * 1024 * 1024, "Expect: 100-continue\r\n"));

        assertThat(read(s).status()).isEqualTo(413);
        assertThat(RawHttp.readsToEnd(s)).isTrue();
    }

    @Test
    void aChunkedDeliveryIsAccepted() throws Exception {
        start(WebhookServer.defaultLimits());
        UUID id = UUID.randomUUID();
        byte[] body = RawHttp.task(id).getBytes(StandardCharsets.UTF_8);
        Socket s = open();

        send(s, signedChunkedHead(body));
        send(s, RawHttp.chunked(RawHttp.pieces(body, 100)));

        assertThat(read(s).status()).isEqualTo(200);
        assertThat(nextAccepted().id().toString()).isEqualTo(id.toString());
    }

    @Test
    void anOversizedChunkedBodyGets413ThatItsSenderCanRead() throws Exception {
        start(WebhookServer.defaultLimits().withDrain(LONG, 64L * 1024 * 1024));
        byte[] body = new byte[2 * 1024 * 1024];
        Socket s = open();
        send(s, signedChunkedHead(body));
        RawHttp.sendInBackground(s, RawHttp.chunked(RawHttp.pieces(body, 64 * 1024)));

        RawHttp.Response response = read(s);

        assertThat(response.status()).isEqualTo(413);
        assertThat(RawHttp.readsToEnd(s)).isTrue();
        assertThat(nextRejection()).startsWith("413 body larger than 1048576 bytes");
    }

    // ------------------------------------------------------------------------------ answers

    @Test
    void anythingButAPostIsAnswered405() throws Exception {
        start(WebhookServer.defaultLimits());
        Socket s = open();

        send(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        RawHttp.Response response = read(s);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("POST");
    }

    @Test
    void aPathOutsideTheCallbackPathIsAnswered404AndOneBelowItIsServed() throws Exception {
        start("/hooks", WebhookServer.defaultLimits());
        Socket s = open();

        send(
                s,
                new String(signedDelivery(UUID.randomUUID()), StandardCharsets.ISO_8859_1)
                        .replaceFirst("POST / ", "POST /hooksmith "));
        assertThat(read(s).status()).isEqualTo(404);
        send(
                s,
                new String(signedDelivery(UUID.randomUUID()), StandardCharsets.ISO_8859_1)
                        .replaceFirst("POST / ", "POST /hooks/legnext?x=1 "));
        assertThat(read(s).status()).isEqualTo(200);
    }

    @Test
    void aForgedDeliveryIsAnswered401AndTheEventsHearWhy() throws Exception {
        start(WebhookServer.defaultLimits());
        Socket s = open();

        send(
                s,
                new String(signedDelivery(UUID.randomUUID()), StandardCharsets.ISO_8859_1)
                        .replace("\"render failed\"", "\"render forged\""));

        assertThat(read(s).status()).isEqualTo(401);
        assertThat(nextRejection())
                .startsWith("401 ")
                .contains("does not match")
                .doesNotContain(SECRET);
    }

    @Test
    void deliveriesOnOneKeptAliveConnectionAreAnsweredInTurn() throws Exception {
        start(WebhookServer.defaultLimits());
        Socket s = open();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        send(s, signedDelivery(first));
        assertThat(read(s).status()).isEqualTo(200);
        send(s, signedDelivery(second));
        assertThat(read(s).status()).isEqualTo(200);

        assertThat(nextAccepted().id().toString()).isEqualTo(first.toString());
        assertThat(nextAccepted().id().toString()).isEqualTo(second.toString());
    }
}
