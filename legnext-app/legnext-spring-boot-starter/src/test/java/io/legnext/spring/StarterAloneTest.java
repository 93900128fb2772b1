package io.legnext.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.app.Legnext;
import io.legnext.spring.app.HostApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.spi.SLF4JServiceProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The "done when": a Boot application whose only legnext dependency is the starter, with no property set at
 * all (its test class path is the starter, spring-boot-starter-web, -actuator and -test: what such a host has),
 * starts on the fake, serves the webhook endpoint, and its {@code /actuator/health} names the {@code legnext}
 * health group: {@link LegnextHealthDefaults} defines a {@code legnext} group (its component's status, no details),
 * leaving how the host's other components are shown as the host set it.
 */
@SpringBootTest(classes = HostApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class StarterAloneTest {

    @LocalServerPort
    int port;

    @Autowired
    Legnext legnext;

    @Autowired
    HealthContributorRegistry health;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnTheFakeServesTheEndpointAndHasTheLegnextHealthIndicator() throws Exception {
        HttpResponse<String> callback = http.send(
                HttpRequest.newBuilder(uri(LegnextProperties.DEFAULT_WEBHOOK_PATH))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> root = http.send(
                HttpRequest.newBuilder(uri("/actuator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(legnext.isFake()).isTrue();
        assertThat(callback.statusCode())
                .as("served, and verifying: an unsigned delivery is refused")
                .isEqualTo(401);
        assertThat(health.getContributor("legnext")).isInstanceOf(LegnextHealthIndicator.class);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("\"status\":\"UP\"").contains("\"groups\":[\"legnext\"]");
        HttpResponse<String> own = http.send(
                HttpRequest.newBuilder(uri("/actuator/health/legnext")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"legnext\":{\"status\":\"UP\"}").doesNotContain("details");
    }

    @Test
    void logsThroughLogbackAloneAndSaysWhichAdapterItUses(CapturedOutput output) {
        // One SLF4J provider, logback's: no "no providers" or "multiple providers" warning at start.
        assertThat(ServiceLoader.load(SLF4JServiceProvider.class).stream()
                        .map(p -> p.type().getName()))
                .containsExactly("ch.qos.logback.classic.spi.LogbackServiceProvider");
        // The application context is cached across tests; a new logger line proves logback writes it.
        org.slf4j.LoggerFactory.getLogger(StarterAloneTest.class).info("logged through logback");
        assertThat(output)
                .contains("logged through logback")
                .doesNotContain("SLF4J(W)")
                .contains("legnext: using the fake adapter (in memory, 100x real time) because no API key is set");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
