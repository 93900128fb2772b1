package io.legnext.core.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.AuthenticationException;
import io.legnext.core.error.InsufficientCreditsException;
import io.legnext.core.error.ServiceRejectedException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.url.CallbackUrl;
import org.junit.jupiter.api.Test;

/**
 * What "submits like the Legnext service" means: every {@link VideoGenerationPort} adapter extends this and passes.
 *
 * <p>Subclasses provide the ports and arrange the service-side state each test needs (a completed video job, a
 * completed image job, an exhausted balance), against their own backend: an in-memory service or a stub server.
 */
public abstract class VideoGenerationPortContract {

    /** The port under test, with a valid key. */
    protected abstract VideoGenerationPort generationPort();

    /** A query port on the same backend, to look accepted jobs up. */
    protected abstract JobQueryPort queryPort();

    /** The port under test configured with an API key the service does not accept. */
    protected abstract VideoGenerationPort generationPortWithInvalidApiKey();

    /** Arranges a completed video-diffusion job offering extend and upscale for videos 0-3; answers its id. */
    protected abstract JobId givenCompletedVideoJob();

    /** Arranges a completed image job with four images; answers its id. */
    protected abstract JobId givenCompletedImageJob();

    /** Arranges that the account cannot pay for another job. */
    protected abstract void givenBalanceTooLowForAnotherJob();

    @Test
    void textToVideoIsAcceptedAsAPendingVideoDiffusionJob() {
        Job job = generationPort().generate(TextToVideo.of("a lighthouse at dusk, waves crashing --motion high"));

        assertAcceptedAs(job, TaskType.Kind.VIDEO_DIFFUSION);
    }

    @Test
    void imageUrlToVideoAt720pIsAcceptedAsAVideoDiffusionJob() {
        Job job = generationPort()
                .generate(ImageToVideo.of("https://example.com/cat.jpg", "a cat walks")
                        .withQuality(VideoQuality.P720));

        assertAcceptedAs(job, TaskType.Kind.VIDEO_DIFFUSION);
    }

    @Test
    void animatingAnImageOfACompletedImageJobIsAcceptedAsAVideoDiffusionJob() {
        JobId imageJob = givenCompletedImageJob();

        Job job = generationPort()
                .generate(AnimateImage.of(imageJob.toString(), 2).withPrompt(Prompt.of("slow zoom")));

        assertAcceptedAs(job, TaskType.Kind.VIDEO_DIFFUSION);
    }

    @Test
    void extendingAVideoOfACompletedVideoJobIsAcceptedAsAnExtendVideoJob() {
        JobId videoJob = givenCompletedVideoJob();

        Job job = generationPort().extend(ExtendVideo.of(videoJob.toString(), 1));

        assertAcceptedAs(job, TaskType.Kind.EXTEND_VIDEO);
    }

    @Test
    void upscalingAVideoOfACompletedVideoJobIsAcceptedAsAVideoUpscaleJob() {
        JobId videoJob = givenCompletedVideoJob();

        Job job = generationPort().upscale(UpscaleVideo.of(videoJob.toString(), 3));

        assertAcceptedAs(job, TaskType.Kind.VIDEO_UPSCALE);
    }

    @Test
    void anAcceptedJobCanBeLookedUpByItsId() {
        Job accepted = generationPort().generate(TextToVideo.of("a paper boat on a river"));

        Job found = queryPort().getJob(accepted.id());

        assertThat(found.id()).isEqualTo(accepted.id());
        assertThat(found.taskType().kind()).isEqualTo(TaskType.Kind.VIDEO_DIFFUSION);
    }

    @Test
    void aJobWithACallbackIsAcceptedLikeAnyOther() {
        Job job = generationPort()
                .generate(TextToVideo.of("a red kite in the wind")
                        .withCallback(CallbackUrl.parse("https://hooks.example.com/legnext")));

        assertAcceptedAs(job, TaskType.Kind.VIDEO_DIFFUSION);
    }

    @Test
    void extendingAnUnknownJobIsRejectedByTheService() {
        assertThatThrownBy(() ->
                        generationPort().extend(ExtendVideo.of(JobId.random().toString(), 0)))
                .isInstanceOf(ServiceRejectedException.class);
    }

    @Test
    void aSubmitWithAnInvalidApiKeyIsRejectedAsAuthentication() {
        assertThatThrownBy(() -> generationPortWithInvalidApiKey().generate(TextToVideo.of("a quiet harbour")))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e ->
                        assertThat(((AuthenticationException) e).httpStatus()).hasValue(401));
    }

    @Test
    void aSubmitTheAccountCannotPayForIsRejectedAsInsufficientCredits() {
        givenBalanceTooLowForAnotherJob();

        assertThatThrownBy(() -> generationPort().generate(TextToVideo.of("a quiet harbour")))
                .isInstanceOf(InsufficientCreditsException.class)
                .satisfies(e -> assertThat(((InsufficientCreditsException) e).httpStatus())
                        .hasValue(402));
    }

    private static void assertAcceptedAs(Job job, TaskType.Kind kind) {
        assertThat(job.id()).isNotNull();
        assertThat(job.taskType().kind()).isEqualTo(kind);
        assertThat(job.status().state())
                .isIn(JobStatus.State.PENDING, JobStatus.State.STAGED, JobStatus.State.PROCESSING);
        assertThat(job.videoUrls()).isEmpty();
        assertThat(job.failure()).isEmpty();
    }
}
