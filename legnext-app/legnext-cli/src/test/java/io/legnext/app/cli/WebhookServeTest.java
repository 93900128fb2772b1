package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.job.JobId;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code legnext webhook serve} over real loopback HTTP: signatures good and forged, duplicates, bad bodies. */
class WebhookServeTest {

    static final String SECRET = "whsec-test-5f2a";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    CompletableFuture<Void> stop = new CompletableFuture<>();
    CompletableFuture<CliHarness.Result> serving;
    URI endpoint;

    /** Starts the server with an API key set; the server opens no adapter either way, so nothing is sent. */
    CliHarness serve(String... args) throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.env.put(Settings.API_KEY_ENV, "test-key-never-used");
        cli.env.put(Settings.BASE_URL_ENV, "http://127.0.0.1:9");
        return start(cli, args);
    }

    CliHarness start(CliHarness cli, String... args) throws Exception {
        CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
        cli.onListening = listening::complete;
        cli.stop = stop;
        serving = CompletableFuture.supplyAsync(() -> cli.run(args));
        InetSocketAddress address = CompletableFuture.anyOf(listening, serving)
                .thenApply(x -> listening.getNow(null))
                .get(10, TimeUnit.SECONDS);
        assertThat(address).as(() -> String.valueOf(serving.getNow(null))).isNotNull();
        endpoint = URI.create("http://127.0.0.1:" + address.getPort() + "/");
        return cli;
    }

    @AfterEach
    void stopServer() throws Exception {
        stop.complete(null);
        if (serving != null) {
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    CliHarness.Result stopped() throws Exception {
        stop.complete(null);
        return serving.get(10, TimeUnit.SECONDS);
    }

    static HttpResponse<String> post(URI uri, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postSigned(URI uri, String body, String secret, Instant at) throws Exception {
        String ts = Long.toString(at.getEpochSecond());
        String sig = WebhookSignature.sign(
                secret.getBytes(StandardCharsets.UTF_8), ts, body.getBytes(StandardCharsets.UTF_8));
        return post(uri, body, WebhookSignature.TIMESTAMP_HEADER, ts, WebhookSignature.SIGNATURE_HEADER, sig);
    }

    @Test
    void acceptsAWellSignedCallbackAndPrintsTheJobAsJson() throws Exception {
        serve("webhook", "serve", "--port", "0", "--secret", SECRET, "--json");
        JobId id = JobId.random();

        HttpResponse<String> response =
                postSigned(endpoint, TaskBodies.completed(id, "https://cdn.legnext.ai"), SECRET, Instant.now());

        assertThat(response.statusCode()).isEqualTo(200);
        CliHarness.Result r = stopped();
        assertThat(r.exit()).isZero();
        JsonNode job = r.json();
        assertThat(job.get("jobId").asText()).isEqualTo(id.toString());
        assertThat(job.get("videoUrls")).hasSize(4);
        assertThat(r.err()).contains("signatures checked");
    }

    @Test
    void answersAForgedSignatureWith401AndPrintsNothing() throws Exception {
        serve("webhook", "serve", "--port", "0", "--secret", SECRET);
        String body = TaskBodies.completed(JobId.random(), "https://cdn.legnext.ai");

        HttpResponse<String> forged = postSigned(endpoint, body, "not-the-secret", Instant.now());
        HttpResponse<String> unsigned = post(endpoint, body);
        HttpResponse<String> stale =
                postSigned(endpoint, body, SECRET, Instant.now().minus(Duration.ofHours(1)));
        HttpResponse<String> tampered = post(
                endpoint,
                body.replace("1723670005", "1"),
                WebhookSignature.TIMESTAMP_HEADER,
                Long.toString(Instant.now().getEpochSecond()),
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        Long.toString(Instant.now().getEpochSecond()),
                        body.getBytes(StandardCharsets.UTF_8)));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(tampered.statusCode()).isEqualTo(401);
        CliHarness.Result r = stopped();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("refused a delivery with 401").doesNotContain(SECRET);
    }

    @Test
    void acknowledgesADuplicateWithoutPrintingItTwice() throws Exception {
        serve("webhook", "serve", "--port", "0", "--secret", SECRET);
        String body = TaskBodies.completed(JobId.random(), "https://cdn.legnext.ai");

        HttpResponse<String> first = postSigned(endpoint, body, SECRET, Instant.now());
        HttpResponse<String> again = postSigned(endpoint, body, SECRET, Instant.now());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        CliHarness.Result r = stopped();
        assertThat(r.outLines())
                .singleElement()
                .asString()
                .contains("completed")
                .contains("4 result URLs");
        assertThat(r.err()).contains("duplicate");
    }

    @Test
    void answersBodiesThatAreNotTasksWith400AndOversizedOnesWith413() throws Exception {
        serve("webhook", "serve", "--port", "0");

        HttpResponse<String> malformed = post(endpoint, "{\"hello\":");
        HttpResponse<String> notATask = post(endpoint, "[1,2,3]");
        HttpResponse<String> huge = post(endpoint, "x".repeat(20 * 1024 * 1024));
        HttpResponse<String> get =
                HTTP.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(notATask.statusCode()).isEqualTo(400);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(stopped().out()).isEmpty();
    }

    @Test
    void withoutASecretAcceptsUnsignedCallbacksAndSaysSo() throws Exception {
        serve("webhook", "serve", "--port", "0");

        assertThat(post(endpoint, TaskBodies.failed(JobId.random())).statusCode())
                .isEqualTo(200);

        CliHarness.Result r = stopped();
        assertThat(r.err()).contains("NOT checked");
        assertThat(r.out()).contains("failed").contains("render failed");
    }

    @Test
    void takesTheSecretFromTheEnvironment() throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.env.put(Settings.WEBHOOK_SECRET_ENV, SECRET);
        cli.env.put(Settings.API_KEY_ENV, "k");
        start(cli, "webhook", "serve", "--port", "0");

        assertThat(post(endpoint, TaskBodies.completed(JobId.random(), "https://c"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(postSigned(endpoint, TaskBodies.completed(JobId.random(), "https://c"), SECRET, Instant.now())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPortInUseIsReportedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliHarness cli = new CliHarness(home);
            CliHarness.Result r = cli.run("webhook", "serve", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(r.exit()).isEqualTo(ExitCodes.OTHER);
            assertThat(r.err())
                    .contains("Cannot listen on")
                    .contains("already in use")
                    .contains("another --port")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void theFakeDeliversASignedCallbackThatTheServerVerifiesAndPrints() throws Exception {
        // The fake signs with its own accelerated clock and the server judges by the wall clock: at 100x the
        // delivery runs about a minute ahead, well within the 5 minutes allowed.
        try (FakeWorld world = new FakeWorld(SECRET, 100)) {
            CliHarness server =
                    start(CliHarness.on(world, home), "webhook", "serve", "--port", "0", "--secret", SECRET, "--json");
            CliHarness client = CliHarness.on(world, home);

            CliHarness.Result generated = client.run(
                    "video",
                    "generate",
                    "--prompt",
                    "a cat walks",
                    "--callback",
                    endpoint.toString(),
                    "--wait",
                    "--poll-interval",
                    "5s",
                    "--json");

            assertThat(generated.exit()).as(generated.toString()).isZero();
            String id = generated.json().get("jobId").asText();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // The delivery runs on the fake's scheduler at the job's end, beside the client's last poll.
            while (!server.liveOut.toString().contains(id) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            CliHarness.Result served = stopped();
            assertThat(served.jsonLines())
                    .extracting(j -> j.get("jobId").asText())
                    .containsExactly(id);
            assertThat(served.jsonLines().get(0).get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void withoutAKeyATimestampedDeliveryIsJudgedByTheWallClockNotTheFakesAcceleratedOne() throws Exception {
        CliHarness cli = new CliHarness(home);
        // No key: the fake would be the adapter, and at its fastest its clock runs 10 s ahead for every real
        // millisecond, so within a second a receiver on it would find any real timestamp far older than 5 minutes.
        cli.env.put(Settings.FAKE_SPEED_ENV, String.valueOf(Settings.MAX_FAKE_SPEED));
        start(cli, "webhook", "serve", "--port", "0", "--secret", SECRET, "--json");
        Thread.sleep(20);
        JobId id = JobId.random();

        HttpResponse<String> response =
                postSigned(endpoint, TaskBodies.completed(id, "https://cdn.legnext.ai"), SECRET, Instant.now());

        assertThat(response.statusCode()).isEqualTo(200);
        CliHarness.Result r = stopped();
        assertThat(r.json().get("jobId").asText()).isEqualTo(id.toString());
        assertThat(r.err()).doesNotContain("refused");
    }

    @Test
    void servingOpensNoAdapter() throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.services = (settings, notices) -> {
            throw new AssertionError("webhook serve opened an adapter");
        };
        start(cli, "webhook", "serve", "--port", "0");

        assertThat(post(endpoint, TaskBodies.failed(JobId.random())).statusCode())
                .isEqualTo(200);

        CliHarness.Result r = stopped();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("fake adapter");
    }

    @Test
    void aClientStalledHalfwayThroughItsBodyDoesNotHoldUpAConcurrentDelivery() throws Exception {
        serve("webhook", "serve", "--port", "0");
        JobId stalled = JobId.random();
        byte[] body = TaskBodies.failed(stalled).getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("127.0.0.1", endpoint.getPort())) {
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            InputStream in = slow.getInputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The interim answer proves that the server has read this request's head and now waits for its body.
            assertThat(readHead(in)).startsWith("HTTP/1.1 100");
            out.write(body, 0, body.length / 2);
            out.flush();
            JobId prompt = JobId.random();

            HttpResponse<String> answered = HTTP.send(
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.ofString(TaskBodies.failed(prompt)))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answered.statusCode()).isEqualTo(200);
            // The stalled request was still unanswered and open all along: its end now gets it accepted too.
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
            CliHarness.Result r = stopped();
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(0)).contains(prompt.toString());
            assertThat(r.outLines().get(1)).contains(stalled.toString());
        }
    }

    @Test
    void anAddressThatIsNotOneOfThisMachinesIsAUsageErrorThatSaysHowToListenOnAll() {
        CliHarness.Result r = new CliHarness(home).run("webhook", "serve", "--port", "0", "--bind", "8.8.8.8");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("'--bind'")
                .contains("8.8.8.8")
                .contains("not one of this machine's addresses")
                .contains("--bind 0.0.0.0")
                .doesNotContain("another --port")
                .doesNotContain("Exception");
    }

    @Test
    void byDefaultASignedDeliveryWithoutATimestampIsAccepted() throws Exception {
        serve("webhook", "serve", "--port", "0", "--secret", SECRET);
        String body = TaskBodies.failed(JobId.random());

        assertThat(postSignedWithoutTimestamp(endpoint, body, SECRET).statusCode())
                .isEqualTo(200);
    }

    @Test
    void withRequireTimestampASignedDeliveryWithoutATimestampIsRefusedWith401() throws Exception {
        serve("webhook", "serve", "--port", "0", "--secret", SECRET, "--require-timestamp");
        String body = TaskBodies.failed(JobId.random());

        HttpResponse<String> untimed = postSignedWithoutTimestamp(endpoint, body, SECRET);
        HttpResponse<String> timed = postSigned(endpoint, body, SECRET, Instant.now());

        assertThat(untimed.statusCode()).isEqualTo(401);
        assertThat(timed.statusCode()).isEqualTo(200);
        CliHarness.Result r = stopped();
        assertThat(r.err())
                .contains("refused a delivery with 401")
                .contains("no " + WebhookSignature.TIMESTAMP_HEADER)
                .contains("replay")
                .doesNotContain(SECRET);
        assertThat(r.outLines()).hasSize(1);
    }

    @Test
    void requireTimestampWithoutASecretIsAUsageError() {
        CliHarness.Result r = new CliHarness(home).run("webhook", "serve", "--port", "0", "--require-timestamp");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("'--require-timestamp'")
                .contains("--secret")
                .contains(Settings.WEBHOOK_SECRET_ENV);
    }

    @Test
    void theHelpTellsOfTheReplayRiskAndTheOptionAgainstIt() {
        CliHarness.Result r = new CliHarness(home).run("webhook", "serve", "--help");

        assertThat(r.out()).contains("--require-timestamp").contains("replay");
    }

    static HttpResponse<String> postSignedWithoutTimestamp(URI uri, String body, String secret) throws Exception {
        String sig = WebhookSignature.sign(
                secret.getBytes(StandardCharsets.UTF_8), null, body.getBytes(StandardCharsets.UTF_8));
        return post(uri, body, WebhookSignature.SIGNATURE_HEADER, sig);
    }

    /** Reads one response head, up to its blank line. */
    static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection ended within a response head: '" + head + "'");
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
