package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract check the adapter's tests rely on does catch requests that break the OpenAPI contract. */
class ContractCheckCanFailTest {

    @BeforeEach
    void stubAnything() {
        StubLegnext.reset();
        StubLegnext.stub(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "POST | /api/v1/extend-video | {\"jobId\":\"8201cd3e-1234-4d5e-9f00-0123456789ab\",\"videoNo\":7}",
                "POST | /api/v1/video-diffusion | {\"prompt\":\"\"}",
                "POST | /api/v1/video-upscale | {\"jobId\":\"8201cd3e-1234-4d5e-9f00-0123456789ab\",\"videoNo\":0,\"extra\":1}",
                "GET | /api/v1/jobs | ''",
            })
    void aRequestOutsideTheContractIsReported(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        StubLegnext.baseUri().resolve(path))
                .header("x-api-key", StubLegnext.VALID_KEY)
                .header("Content-Type", "application/json");
        request.method(
                method,
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());

        assertThatThrownBy(StubLegnext::assertEveryRequestMatchesTheContract)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(path);
    }
}
