package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;

import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.contract.JobQueryPortContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The HTTP adapter looks jobs up like the Legnext service, against a stub of it on 127.0.0.1. */
class HttpJobQueryPortContractTest extends JobQueryPortContract {

    private LegnextHttpAdapter adapter;

    /** How this suite reaches the stub; a subclass runs it all again over another transport. */
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.PLAIN;
    }

    @BeforeEach
    void stubTheService() {
        StubLegnext.reset();
        StubLegnext.stub(get(urlMatching("/api/v1/job/.*"))
                .atPriority(9)
                .willReturn(json(404, Payloads.flatError(404, "job not found"))));
        adapter = StubLegnext.adapter(transport()).build();
    }

    @AfterEach
    void everyRequestMatchedTheContract() {
        StubLegnext.assertEveryRequestMatchesTheContract();
        StubLegnext.assertEveryRequestCameOver(transport());
    }

    @Override
    protected JobQueryPort queryPort() {
        return adapter;
    }

    @Override
    protected JobId givenCompletedVideoJob() {
        return StubLegnext.givenCompletedVideoJob();
    }

    @Override
    protected JobId givenCompletedImageJob() {
        return StubLegnext.givenCompletedImageJob();
    }

    @Override
    protected JobId givenPendingVideoJob() {
        JobId id = JobId.random();
        StubLegnext.givenTask(id, Payloads.pending(id.toString(), "video_diffusion"));
        return id;
    }

    @Override
    protected JobId givenFailedVideoJob(int code, String message) {
        JobId id = JobId.random();
        StubLegnext.givenTask(id, Payloads.failed(id.toString(), code, message));
        return id;
    }
}
