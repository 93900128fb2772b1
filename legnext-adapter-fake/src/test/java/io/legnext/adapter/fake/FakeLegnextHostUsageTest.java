package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.service.VideoJobService;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.time.VirtualTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How hosts use the fake: behind the core's services, in virtual time or in accelerated real time. */
class FakeLegnextHostUsageTest {

    @Test
    void theCoresServiceRunsOnTheFakeAndRefusesAFifthExtensionBeforeSendingIt() {
        VirtualTime time = new VirtualTime();
        FakeLegnext legnext = FakeLegnext.builder(time).seed(4).build();
        VideoJobService service = new VideoJobService(legnext, legnext, new InMemoryJobJournal(), time.clock());

        Job video = service.generate(TextToVideo.of("a lighthouse at dusk"));
        time.advance(Duration.ofMinutes(10));
        JobId current = video.id();
        for (int i = 0; i < 4; i++) {
            current = service.extend(ExtendVideo.of(current.toString(), 0)).id();
            time.advance(Duration.ofMinutes(10));
        }
        JobId fourth = current;
        int jobsBefore = legnext.jobCount();

        assertThatThrownBy(() -> service.extend(ExtendVideo.of(fourth.toString(), 0)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(legnext.jobCount()).isEqualTo(jobsBefore);
    }

    @Test
    void onAnAcceleratedRealClockAJobCompletesInMilliseconds() throws Exception {
        try (ExecutorScheduler scheduler = ExecutorScheduler.create(1, 100_000)) {
            FakeLegnext legnext = FakeLegnext.builder(scheduler).build();
            JobId id = legnext.generate(TextToVideo.of("a lighthouse at dusk")).id();

            // A job of minutes lasts milliseconds here; the bound only ends a run that would fail.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!legnext.getJob(id).isTerminal() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            assertThat(legnext.getJob(id).isCompleted()).isTrue();
        }
    }
}
