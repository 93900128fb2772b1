package io.legnext.mock;

import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.port.out.contract.VideoGenerationPortContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract loop: the HTTP adapter submits like the Legnext service against the mock server on 127.0.0.1 (over
 * the fake), and every answer the mock sends conforms to api-spec.
 */
class MockVideoGenerationPortContractTest extends VideoGenerationPortContract {

    private final MockFixture mock = new MockFixture(1);
    private final io.legnext.adapter.feign.LegnextHttpAdapter adapter = mock.adapter();

    @AfterEach
    void everyAnswerConformedToTheSpec() {
        mock.close();
        mock.conformance.assertEveryAnswerConformed();
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
        return mock.adapter("lk_not_the_mock_key");
    }

    @Override
    protected JobId givenCompletedVideoJob() {
        return mock.fake.seedCompletedVideoJob();
    }

    @Override
    protected JobId givenCompletedImageJob() {
        return mock.fake.seedCompletedImageJob();
    }

    @Override
    protected void givenBalanceTooLowForAnotherJob() {
        mock.fake.setAvailablePoints(479);
        mock.fake.setAvailableCredits(0);
    }
}
