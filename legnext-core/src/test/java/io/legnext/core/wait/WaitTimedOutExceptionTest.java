package io.legnext.core.wait;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.TestJobs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTimedOutExceptionTest {

    private final Job lastKnown = TestJobs.job(VIDEO_JOB, TaskType.Kind.VIDEO_DIFFUSION, JobStatus.PROCESSING);

    @Test
    void messageSaysHowLongWhatWasLastSeenAndHowToWaitAgain() {
        WaitTimedOutException e = new WaitTimedOutException(lastKnown, Duration.ofMinutes(10));

        assertThat(e)
                .hasMessageContaining("job " + VIDEO_JOB + " after 600 s")
                .hasMessageContaining("last seen processing")
                .hasMessageContaining("wait for it again by its id")
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain("legnext job", "LEGNEXT_"));
    }

    @Test
    void keepsTheLastKnownStateAndTheWait() {
        WaitTimedOutException e = new WaitTimedOutException(lastKnown, Duration.ofMinutes(10));

        assertThat(e.lastKnown()).isSameAs(lastKnown);
        assertThat(e.waited()).isEqualTo(Duration.ofMinutes(10));
        assertThat(e.httpStatus()).isEmpty();
    }
}
