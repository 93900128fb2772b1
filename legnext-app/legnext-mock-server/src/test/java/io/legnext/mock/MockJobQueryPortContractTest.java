package io.legnext.mock;

import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.contract.JobQueryPortContract;
import io.legnext.core.request.TextToVideo;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract loop: the HTTP adapter looks jobs up like the Legnext service against the mock server on 127.0.0.1
 * (over the fake on virtual time), and every answer the mock sends conforms to api-spec.
 */
class MockJobQueryPortContractTest extends JobQueryPortContract {

    private final MockFixture mock = new MockFixture(2);
    private final io.legnext.adapter.feign.LegnextHttpAdapter adapter = mock.adapter();

    @AfterEach
    void everyAnswerConformedToTheSpec() {
        mock.close();
        mock.conformance.assertEveryAnswerConformed();
    }

    @Override
    protected JobQueryPort queryPort() {
        return adapter;
    }

    @Override
    protected JobId givenCompletedVideoJob() {
        return mock.fake.seedCompletedVideoJob();
    }

    @Override
    protected JobId givenCompletedImageJob() {
        return mock.fake.seedCompletedImageJob();
    }

    /** Submitted over HTTP too, so the submit's answer is checked as well. */
    @Override
    protected JobId givenPendingVideoJob() {
        return adapter.generate(TextToVideo.of("a paper boat on a river")).id();
    }

    @Override
    protected JobId givenFailedVideoJob(int code, String message) {
        mock.fake.failNextJob(code, message);
        JobId id = adapter.generate(TextToVideo.of("a paper boat on a river")).id();
        mock.time.advance(Duration.ofMinutes(10));
        return id;
    }
}
