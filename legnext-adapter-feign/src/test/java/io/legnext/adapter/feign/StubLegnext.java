package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.legnext.core.job.JobId;
import io.legnext.spec.LegnextApiSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stub of the Legnext service on 127.0.0.1: one WireMock server for the whole test JVM (it takes seconds to
 * start), reset before each test, plus the checks every test shares: requests valid against the contract.
 */
final class StubLegnext {

    static final String VALID_KEY = "lk_test_valid_0123456789";

    private static WireMockServer server;
    private static OpenApiInteractionValidator validator;

    private StubLegnext() {}

    static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .containerThreads(16)
                    .jettyAcceptors(1));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    static void reset() {
        server().resetAll();
    }

    static URI baseUri() {
        return URI.create("http://127.0.0.1:" + server().port());
    }

    static void stub(MappingBuilder mapping) {
        server().stubFor(mapping);
    }

    static void givenTask(JobId id, String body) {
        stub(get("/api/v1/job/" + id)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    /** Stubs a completed video-diffusion job (the recorded payload) under a new id. */
    static JobId givenCompletedVideoJob() {
        JobId id = JobId.random();
        givenTask(id, Payloads.completedVideo(id.toString()));
        return id;
    }

    /** Stubs a completed image job with four images under a new id. */
    static JobId givenCompletedImageJob() {
        JobId id = JobId.random();
        givenTask(id, Payloads.completedImage(id.toString()));
        return id;
    }

    /** A fresh adapter on the stub with the valid key, no retry waits, a fixed clock. */
    static LegnextHttpAdapter.Builder adapter() {
        return LegnextHttpAdapter.builder(ApiKey.of(VALID_KEY))
                .baseUri(baseUri())
                .requestTimeout(Duration.ofSeconds(5))
                .sleeper(d -> {})
                .random(() -> 0.5)
                .clock(Clock.fixed(Instant.parse("2025-10-21T10:51:46Z"), ZoneOffset.UTC));
    }

    static List<LoggedRequest> requests() {
        List<LoggedRequest> out = new ArrayList<>();
        for (ServeEvent e : server().getAllServeEvents()) {
            out.add(e.getRequest());
        }
        return out;
    }

    static long requestCount(String method, String pathPrefix) {
        return requests().stream()
                .filter(r ->
                        r.getMethod().getName().equals(method) && r.getUrl().startsWith(pathPrefix))
                .count();
    }

    /** Fails when any request that reached the stub breaks the contract: method, path, headers, body schema. */
    static void assertEveryRequestMatchesTheContract() {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            ValidationReport report = validator().validateRequest(toValidatorRequest(r));
            if (report.hasErrors()) {
                problems.add(r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString() + ": "
                        + report.getMessages().stream()
                                .map(ValidationReport.Message::getMessage)
                                .collect(Collectors.joining("; ")));
            }
        }
        assertThat(problems).as("requests that break the OpenAPI contract").isEmpty();
    }

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(LegnextApiSpec.text())
                    .build();
        }
        return validator;
    }

    private static Request toValidatorRequest(LoggedRequest r) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.getMethod().getName(), r.getUrl());
        for (var header : r.getHeaders().all()) {
            b.withHeader(header.key(), header.values());
        }
        String body = r.getBodyAsString();
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        return b.build();
    }
}
