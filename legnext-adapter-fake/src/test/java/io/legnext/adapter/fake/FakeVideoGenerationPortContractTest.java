package io.legnext.adapter.fake;

import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.port.out.contract.VideoGenerationPortContract;
import io.legnext.core.time.VirtualTime;

class FakeVideoGenerationPortContractTest extends VideoGenerationPortContract {

    private final FakeLegnext legnext =
            FakeLegnext.builder(new VirtualTime()).seed(1).apiKey("test-key").build();

    @Override
    protected VideoGenerationPort generationPort() {
        return legnext;
    }

    @Override
    protected JobQueryPort queryPort() {
        return legnext;
    }

    @Override
    protected VideoGenerationPort generationPortWithInvalidApiKey() {
        return legnext.withApiKey("not-the-test-key");
    }

    @Override
    protected JobId givenCompletedVideoJob() {
        return legnext.seedCompletedVideoJob();
    }

    @Override
    protected JobId givenCompletedImageJob() {
        return legnext.seedCompletedImageJob();
    }

    @Override
    protected void givenBalanceTooLowForAnotherJob() {
        legnext.setAvailablePoints(479);
        legnext.setAvailableCredits(0);
    }
}
