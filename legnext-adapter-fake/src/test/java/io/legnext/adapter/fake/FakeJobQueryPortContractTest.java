package io.legnext.adapter.fake;

import io.legnext.core.job.JobId;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.contract.JobQueryPortContract;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import java.time.Duration;

class FakeJobQueryPortContractTest extends JobQueryPortContract {

    private final VirtualTime time = new VirtualTime();
    private final FakeLegnext legnext = FakeLegnext.builder(time).seed(2).build();

    @Override
    protected JobQueryPort queryPort() {
        return legnext;
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
    protected JobId givenPendingVideoJob() {
        return legnext.generate(TextToVideo.of("a paper boat on a river")).id();
    }

    @Override
    protected JobId givenFailedVideoJob(int code, String message) {
        legnext.failNextJob(code, message);
        JobId id = legnext.generate(TextToVideo.of("a paper boat on a river")).id();
        time.advance(Duration.ofMinutes(10));
        return id;
    }
}
