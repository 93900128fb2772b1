package io.legnext.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.core.job.Job;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import io.legnext.core.wait.WaitOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Closing the facade ends the waits it started instead of leaving their futures hanging. */
class LegnextCloseTest {

    @Test
    void closeEndsAnOutstandingWaitOnAGivenScheduler() {
        VirtualTime time = new VirtualTime();
        Legnext legnext = Legnext.fake(time);
        Job job = legnext.generate(TextToVideo.of("a lighthouse at dusk"));
        CompletableFuture<Job> waiting = legnext.waitFor(job.id(), WaitOptions.defaults());
        time.advance(java.time.Duration.ZERO);

        legnext.close();

        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still runs");
    }

    @Test
    void closeEndsAnOutstandingWaitOnTheSchedulerItCreated() {
        VirtualTime time = new VirtualTime();
        Legnext legnext =
                Legnext.builder().fake(FakeLegnext.builder(time).build()).build();
        // A job in hand: its first lookup is queued on the facade's own scheduler, minutes away.
        Job job = legnext.generate(TextToVideo.of("a lighthouse at dusk"));
        CompletableFuture<Job> waiting = legnext.waitFor(job, WaitOptions.defaults());

        legnext.close();

        assertThat(waiting).isCompletedExceptionally();
    }
}
