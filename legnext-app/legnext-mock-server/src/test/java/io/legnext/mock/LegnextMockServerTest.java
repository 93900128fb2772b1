package io.legnext.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.app.webhook.NioHttpServer;
import io.legnext.core.callback.WebhookSignature;
import io.legnext.core.time.VirtualTime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's Java API: defaults, checks, secrets kept, and the fake it makes when given none. */
class LegnextMockServerTest {

    /** How long a failing run may take to show it; a passing one is done in well under a second. */
    private static final long PATIENCE_SECONDS = 60;

    @Test
    void byDefaultItListensOnLoopbackAtAFreePortWithARandomKeyThatToStringNeverShows() throws Exception {
        try (LegnextMockServer server = LegnextMockServer.builder().start()) {
            assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.url().getPort()).isPositive();
            assertThat(server.key()).startsWith("lk_mock_").hasSize(8 + 32);
            assertThat(server.toString())
                    .doesNotContain(server.key())
                    .contains(server.url().toString());
            assertThat(LegnextMockServer.builder().key("lk_secret_1").toString())
                    .doesNotContain("lk_secret_1");
        }
    }

    @Test
    void bindTakesLocalhostOrAnIpLiteralAndNeverLooksANameUp() throws Exception {
        try (LegnextMockServer server =
                LegnextMockServer.builder().bind("localhost").start()) {
            assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        }
        assertThatThrownBy(() ->
                        LegnextMockServer.builder().bind("hooks.example.com").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'bind' must be an IP address of this machine (or localhost), was 'hooks.example.com'");
    }

    @Test
    void twoServersHaveDifferentKeys() throws Exception {
        try (LegnextMockServer a = LegnextMockServer.builder().start();
                LegnextMockServer b = LegnextMockServer.builder().start()) {
            assertThat(a.key()).isNotEqualTo(b.key());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"''", "'has space'", "'lk_\u00e9'"})
    void aKeyThatCannotTravelInAHeaderIsRefusedWithoutBeingShown(String key) {
        assertThatThrownBy(() -> LegnextMockServer.builder().key(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'key' must be 1 to 256 visible ASCII characters")
                .satisfies(e -> assertThat(key.isEmpty() || !e.getMessage().contains(key))
                        .isTrue());
    }

    @Test
    void portAndSpeedOutOfRangeAreRefusedNamingTheBoundAndTheValue() {
        assertThatThrownBy(() -> LegnextMockServer.builder().port(70000))
                .hasMessage("'port' must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> LegnextMockServer.builder().speed(0.5))
                .hasMessage("'speed' must be between 1 and 10000, was 0.5");
        assertThatThrownBy(() -> LegnextMockServer.builder().speed(Double.NaN))
                .hasMessage("'speed' must be between 1 and 10000, was NaN");
    }

    @Test
    void settingsOfTheMadeFakeAreRefusedWithAFakeOfTheHosts() {
        FakeLegnext fake = FakeLegnext.builder(new VirtualTime()).build();

        assertThatThrownBy(
                        () -> LegnextMockServer.builder().fake(fake).speed(10).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure that fake itself");
    }

    @Test
    void theFakeItMakesSignsItsCallbacksAndDeliversThemOnThisMachine() throws Exception {
        CompletableFuture<NioHttpServer.Request> delivered = new CompletableFuture<>();
        try (NioHttpServer receiver = NioHttpServer.start(
                        "test-receiver",
                        new InetSocketAddress("127.0.0.1", 0),
                        NioHttpServer.Limits.defaults(),
                        request -> {
                            delivered.complete(request);
                            return NioHttpServer.Response.text(200, "ok");
                        });
                LegnextMockServer server = LegnextMockServer.builder()
                        .speed(LegnextMockServer.MAX_SPEED)
                        .webhookSecret("whsec_test")
                        .start()) {
            String callback = "http://127.0.0.1:" + receiver.address().getPort() + "/hook";
            HttpResponse<String> submitted = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/video-diffusion"))
                                    .header("x-api-key", server.key())
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"prompt\":\"a cat\",\"callback\":\"" + callback + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).isEqualTo(200);

            NioHttpServer.Request request = delivered.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

            JsonNode task = JsonBody.MAPPER.readTree(request.body());
            assertThat(task.get("job_id").asText())
                    .isEqualTo(JsonBody.MAPPER
                            .readTree(submitted.body())
                            .get("job_id")
                            .asText());
            assertThat(task.get("status").asText()).isEqualTo("completed");
            String timestamp = request.header(WebhookSignature.TIMESTAMP_HEADER);
            assertThat(request.header(WebhookSignature.SIGNATURE_HEADER))
                    .isEqualTo(WebhookSignature.sign(
                            "whsec_test".getBytes(StandardCharsets.UTF_8), timestamp, request.body()));
            assertThat(server.fake().getBalance().accountId()).isEqualTo(LegnextMockServer.DEFAULT_ACCOUNT_ID);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080/h, true",
        "http://127.0.0.1/h, true",
        "http://127.10.0.3:9/h, true",
        "http://[::1]:8080/h, true",
        "https://hooks.example.com/legnext, false",
        "http://127.0.0.1.nip.io/h, false",
        "http://10.0.0.1/h, false",
        "http://localhost.example.com/h, false",
        "http://[::2]/h, false"
    })
    void onlyCallbacksToThisMachineAreSent(String url, boolean sent) {
        assertThat(LoopbackOnlyHttpClient.isLoopback(URI.create(url))).isEqualTo(sent);
    }

    @Test
    void aCallbackOffThisMachineFailsUnsentSayingHowToAllowIt() {
        LoopbackOnlyHttpClient client = new LoopbackOnlyHttpClient(HttpClient.newHttpClient());

        assertThat(client.sendAsync(
                        HttpRequest.newBuilder(URI.create("https://hooks.example.com/legnext"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isCompletedExceptionally()
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("--callbacks-anywhere");
    }
}
