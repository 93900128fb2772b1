package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.port.out.contract.VideoGenerationPortContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The HTTP adapter submits like the Legnext service, against a stub of it on 127.0.0.1. */
class HttpVideoGenerationPortContractTest extends VideoGenerationPortContract {

    private final JobId diffusion = JobId.random();
    private LegnextHttpAdapter adapter;

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** How this suite reaches the stub; a subclass runs it all again over another transport. */
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.PLAIN;
    }

    @BeforeEach
    void stubTheService() {
        StubLegnext.reset();
        StubLegnext.stub(any(urlMatching("/api/.*"))
                .atPriority(1)
                .withHeader("x-api-key", notMatching(StubLegnext.VALID_KEY))
                .willReturn(json(401, Payloads.flatError(401, "Failed to verify api key"))));
        StubLegnext.stub(post("/api/v1/video-diffusion")
                .atPriority(5)
                .willReturn(json(200, Payloads.pending(diffusion.toString(), "video_diffusion"))));
        StubLegnext.stub(post(urlMatching("/api/v1/(extend-video|video-upscale)"))
                .atPriority(9)
                .willReturn(json(404, Payloads.flatError(404, "job not found"))));
        StubLegnext.givenTask(diffusion, Payloads.pending(diffusion.toString(), "video_diffusion"));
        adapter = StubLegnext.adapter(transport()).build();
    }

    @AfterEach
    void everyRequestMatchedTheContract() {
        StubLegnext.assertEveryRequestMatchesTheContract();
        StubLegnext.assertEveryRequestCameOver(transport());
    }

    @Override
    protected VideoGenerationPort generationPort() {
        return adapter;
    }

    @Override
    protected JobQueryPort queryPort() {
        return adapter;
    }

    @Override
    protected VideoGenerationPort generationPortWithInvalidApiKey() {
        LegnextHttpAdapter.Builder wrong =
                LegnextHttpAdapter.builder(ApiKey.of("lk_wrong_key")).baseUri(StubLegnext.baseUri(transport()));
        if (transport() == StubLegnext.Transport.TLS_H2) {
            wrong.sslContext(StubLegnext.trust());
        }
        return wrong.build();
    }

    @Override
    protected JobId givenCompletedVideoJob() {
        JobId id = StubLegnext.givenCompletedVideoJob();
        StubLegnext.stub(post("/api/v1/extend-video")
                .atPriority(5)
                .withRequestBody(matchingJsonPath("$.jobId", equalTo(id.toString())))
                .willReturn(json(200, Payloads.pending(JobId.random().toString(), "extend_video"))));
        StubLegnext.stub(post("/api/v1/video-upscale")
                .atPriority(5)
                .withRequestBody(matchingJsonPath("$.jobId", equalTo(id.toString())))
                .willReturn(json(200, Payloads.pending(JobId.random().toString(), "video_upscale"))));
        return id;
    }

    @Override
    protected JobId givenCompletedImageJob() {
        return StubLegnext.givenCompletedImageJob();
    }

    @Override
    protected void givenBalanceTooLowForAnotherJob() {
        StubLegnext.stub(post("/api/v1/video-diffusion")
                .atPriority(2)
                .willReturn(json(402, Payloads.flatError(402, "Insufficient balance, please top up your balance"))));
    }
}
