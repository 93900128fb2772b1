package io.legnext.core.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.NotFoundException;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.JobQueryPort;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * What "looks jobs up like the Legnext service" means: every {@link JobQueryPort} adapter extends this and passes.
 *
 * <p>Subclasses provide the port and arrange jobs in the states the tests read, on their own backend.
 */
public abstract class JobQueryPortContract {

    /** The port under test. */
    protected abstract JobQueryPort queryPort();

    /** Arranges a completed video-diffusion job offering extend and upscale for videos 0-3; answers its id. */
    protected abstract JobId givenCompletedVideoJob();

    /** Arranges a completed image job with four images; answers its id. */
    protected abstract JobId givenCompletedImageJob();

    /** Arranges a video job the service accepted and has not finished; answers its id. */
    protected abstract JobId givenPendingVideoJob();

    /** Arranges a video job that failed with the given service code and message; answers its id. */
    protected abstract JobId givenFailedVideoJob(int code, String message);

    @Test
    void aCompletedVideoJobCarriesFourVideoUrlsASeedItsActionsAndItsCost() {
        JobId id = givenCompletedVideoJob();

        Job job = queryPort().getJob(id);

        assertThat(job.id()).isEqualTo(id);
        assertThat(job.taskType().kind()).isEqualTo(TaskType.Kind.VIDEO_DIFFUSION);
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.isTerminal()).isTrue();
        assertThat(job.videoUrls())
                .hasSize(4)
                .allSatisfy(url -> assertThat(url.getScheme()).isEqualTo("https"));
        assertThat(job.seed()).isPresent();
        assertThat(job.availableActions().indicesFor(AvailableActions.EXTEND))
                .hasValueSatisfying(indices -> assertThat(indices).containsExactly(0, 1, 2, 3));
        assertThat(job.availableActions().indicesFor(AvailableActions.UPSCALE))
                .hasValueSatisfying(indices -> assertThat(indices).containsExactly(0, 1, 2, 3));
        assertThat(job.usage().frozen()).isPositive();
        assertThat(job.usage().consumed()).isEqualTo(job.usage().frozen());
        assertThat(job.failure()).isEmpty();
    }

    @Test
    void aCompletedJobHasItsTimesInOrder() {
        Job job = queryPort().getJob(givenCompletedVideoJob());

        assertThat(job.createdAt()).isPresent();
        assertThat(job.startedAt()).isPresent();
        assertThat(job.endedAt()).isPresent();
        assertThat(job.startedAt().get()).isAfterOrEqualTo(job.createdAt().get());
        assertThat(job.endedAt().get()).isAfterOrEqualTo(job.startedAt().get());
    }

    @Test
    void aCompletedImageJobCarriesFourImageUrlsAndNoVideos() {
        JobId id = givenCompletedImageJob();

        Job job = queryPort().getJob(id);

        assertThat(job.taskType().isImage()).isTrue();
        assertThat(job.isCompleted()).isTrue();
        assertThat(job.imageUrls()).hasSize(4).extracting(URI::getScheme).containsOnly("https");
        assertThat(job.videoUrls()).isEmpty();
    }

    @Test
    void aPendingJobIsNotTerminalAndHasNoResultsYet() {
        Job job = queryPort().getJob(givenPendingVideoJob());

        assertThat(job.isTerminal()).isFalse();
        assertThat(job.videoUrls()).isEmpty();
        assertThat(job.endedAt()).isEmpty();
        assertThat(job.failure()).isEmpty();
    }

    @Test
    void aFailedJobCarriesTheServiceCodeAndMessage() {
        JobId id = givenFailedVideoJob(10001, "The prompt was flagged by moderation");

        Job job = queryPort().getJob(id);

        assertThat(job.isFailed()).isTrue();
        assertThat(job.isTerminal()).isTrue();
        assertThat(job.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo(10001);
            assertThat(f.message()).isEqualTo("The prompt was flagged by moderation");
        });
        assertThat(job.videoUrls()).isEmpty();
    }

    @Test
    void anUnknownJobIsNotFound() {
        JobId unknown = JobId.random();

        assertThatThrownBy(() -> queryPort().getJob(unknown))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((NotFoundException) e).httpStatus()).hasValue(404));
    }
}
