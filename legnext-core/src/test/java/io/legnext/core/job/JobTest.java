package io.legnext.core.job;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.legnext.core.url.CallbackUrl;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobTest {

    private static final TaskType VIDEO = TaskType.of(TaskType.Kind.VIDEO_DIFFUSION);

    private static Job everyFieldSet() {
        return Job.builder(VIDEO_JOB, VIDEO, JobStatus.FAILED)
                .videoUrls(TestJobs.fourVideos())
                .imageUrls(TestJobs.fourImages())
                .imageGridUrl(URI.create("https://cdn.legnext.ai/temp/grid.png"))
                .seed("1723670005")
                .availableActions(TestJobs.ALL_VIDEO_ACTIONS)
                .usage(new PointUsage("point", 480, 0))
                .createdAt(Instant.parse("2025-10-21T10:51:46Z"))
                .startedAt(Instant.parse("2025-10-21T10:51:47Z"))
                .endedAt(Instant.parse("2025-10-21T10:54:22Z"))
                .failure(new JobFailure(10003, "Sensitive content", ""))
                .callback(CallbackUrl.parse("https://hooks.example.com/cb"))
                .build();
    }

    @Test
    void builderDefaultsEverythingButIdTypeAndStatusToAbsentOrEmpty() {
        Job job = Job.builder(VIDEO_JOB, VIDEO, JobStatus.PENDING).build();

        assertThat(job.id()).isEqualTo(VIDEO_JOB);
        assertThat(job.taskType()).isEqualTo(VIDEO);
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.videoUrls()).isEmpty();
        assertThat(job.imageUrls()).isEmpty();
        assertThat(job.imageGridUrl()).isEmpty();
        assertThat(job.seed()).isEmpty();
        assertThat(job.availableActions()).isEqualTo(AvailableActions.NONE);
        assertThat(job.usage()).isEqualTo(PointUsage.NONE);
        assertThat(job.createdAt()).isEmpty();
        assertThat(job.startedAt()).isEmpty();
        assertThat(job.endedAt()).isEmpty();
        assertThat(job.failure()).isEmpty();
        assertThat(job.callback()).isEmpty();
    }

    @Test
    void constructorTurnsAbsentValuesIntoEmptyOnes() {
        Job job = new Job(
                VIDEO_JOB, VIDEO, JobStatus.PENDING, null, null, null, null, null, null, null, null, null, null, null);

        assertThat(job)
                .isEqualTo(Job.builder(VIDEO_JOB, VIDEO, JobStatus.PENDING).build());
    }

    @Test
    void builderTurnsAbsentListsActionsAndUsageIntoEmptyOnes() {
        Job job = Job.builder(VIDEO_JOB, VIDEO, JobStatus.PENDING)
                .videoUrls(null)
                .imageUrls(null)
                .availableActions(null)
                .usage(null)
                .build();

        assertThat(job.videoUrls()).isEmpty();
        assertThat(job.imageUrls()).isEmpty();
        assertThat(job.availableActions()).isEqualTo(AvailableActions.NONE);
        assertThat(job.usage()).isEqualTo(PointUsage.NONE);
    }

    @Test
    void emptySeedMeansNotYetKnown() {
        assertThat(Job.builder(VIDEO_JOB, VIDEO, JobStatus.PENDING)
                        .seed("")
                        .build()
                        .seed())
                .isEmpty();
    }

    @Test
    void toBuilderRoundTripsEveryField() {
        Job job = everyFieldSet();

        assertThat(job.toBuilder().build()).isEqualTo(job);
    }

    @Test
    void toBuilderDerivesACopyThatDiffersOnlyInWhatChanged() {
        Job job = everyFieldSet();

        Job copy = job.toBuilder().status(JobStatus.COMPLETED).failure(null).build();

        assertThat(copy.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(copy.failure()).isEmpty();
        assertThat(copy)
                .usingRecursiveComparison()
                .ignoringFields("status", "failure")
                .isEqualTo(job);
    }

    @ParameterizedTest
    @CsvSource({"id", "taskType", "status"})
    void requiresIdTypeAndStatus(String missing) {
        Job.Builder builder = Job.builder(VIDEO_JOB, VIDEO, JobStatus.PENDING);
        switch (missing) {
            case "id" -> builder.id(null);
            case "taskType" -> builder.taskType(null);
            default -> builder.status(null);
        }

        assertThatNullPointerException().isThrownBy(builder::build).withMessage(missing);
    }

    @Test
    void copiesTheUrlListsItIsGiven() {
        List<URI> urls = new ArrayList<>(TestJobs.fourVideos());
        Job job = Job.builder(VIDEO_JOB, VIDEO, JobStatus.COMPLETED)
                .videoUrls(urls)
                .build();

        urls.clear();

        assertThat(job.videoUrls()).hasSize(4);
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> job.videoUrls().clear());
    }

    @ParameterizedTest
    @CsvSource({
        "pending, false, false, false",
        "staged, false, false, false",
        "processing, false, false, false",
        "queued, false, false, false",
        "completed, true, true, false",
        "failed, true, false, true"
    })
    void answersWhereItStandsFromItsStatus(String status, boolean terminal, boolean completed, boolean failed) {
        Job job = Job.builder(VIDEO_JOB, VIDEO, JobStatus.of(status)).build();

        assertThat(job.isTerminal()).isEqualTo(terminal);
        assertThat(job.isCompleted()).isEqualTo(completed);
        assertThat(job.isFailed()).isEqualTo(failed);
    }
}
