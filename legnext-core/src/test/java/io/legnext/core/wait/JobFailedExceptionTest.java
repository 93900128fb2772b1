package io.legnext.core.wait;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import org.junit.jupiter.api.Test;

class JobFailedExceptionTest {

    private static Job failed(JobFailure failure) {
        return Job.builder(VIDEO_JOB, TaskType.of("video_diffusion"), JobStatus.FAILED)
                .failure(failure)
                .build();
    }

    @Test
    void carriesTheServiceCodeAndMessage() {
        JobFailedException e = new JobFailedException(failed(new JobFailure(10003, "Sensitive content", "blocked")));

        assertThat(e.code()).isEqualTo(10003);
        assertThat(e.serviceMessage()).isEqualTo("Sensitive content");
    }

    @Test
    void messageNamesTheJobItsKindAndTheReason() {
        JobFailedException e = new JobFailedException(failed(new JobFailure(10003, "Sensitive content", "blocked")));

        assertThat(e)
                .hasMessageStartingWith("Job " + VIDEO_JOB + " (video_diffusion) failed: code 10003,"
                        + " Sensitive content (blocked).");
    }

    @Test
    void keepsTheFailedJob() {
        Job job = failed(new JobFailure(1, "x", ""));

        assertThat(new JobFailedException(job).job()).isSameAs(job);
    }

    @Test
    void saysTheServiceGaveNoReasonWhenItDidNot() {
        JobFailedException e = new JobFailedException(failed(null));

        assertThat(e.code()).isZero();
        assertThat(e).hasMessageContaining("the service gave no reason");
    }
}
