package io.legnext.core.rule;

import static io.legnext.core.error.Rejections.rejection;
import static io.legnext.core.job.TestJobs.IMAGE_JOB;
import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.TaskType.Kind;
import io.legnext.core.job.TestJobs;
import io.legnext.core.job.VariantIndex;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FollowUpRulesTest {

    private static final VariantIndex FIRST = VariantIndex.videoNo(0);

    private static Job completed(Kind kind, AvailableActions actions) {
        return Job.builder(VIDEO_JOB, TaskType.of(kind), JobStatus.COMPLETED)
                .availableActions(actions)
                .build();
    }

    private static Job videoJobWithStatus(String status) {
        return TestJobs.completedVideoJob(VIDEO_JOB).toBuilder()
                .status(JobStatus.of(status))
                .build();
    }

    private static AvailableActions offering(String action, Integer... indices) {
        return AvailableActions.of(Map.of(action, List.of(indices)));
    }

    @Nested
    class Extend {

        @ParameterizedTest
        @EnumSource(
                value = Kind.class,
                names = {"VIDEO_DIFFUSION", "EXTEND_VIDEO"})
        void acceptsCompletedVideoDiffusionOrExtension(Kind kind) {
            assertThatCode(() -> FollowUpRules.requireExtendable(completed(kind, TestJobs.ALL_VIDEO_ACTIONS), FIRST))
                    .doesNotThrowAnyException();
        }

        @Test
        void acceptsTheDiffusionSpellingOfTheSchemas() {
            Job job = TestJobs.completedVideoJob(VIDEO_JOB).toBuilder()
                    .taskType(TaskType.of("video-diffusion"))
                    .build();

            assertThatCode(() -> FollowUpRules.requireExtendable(job, FIRST)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @EnumSource(
                value = Kind.class,
                names = {"VIDEO_UPSCALE", "DIFFUSION", "UPSCALE", "VARIATION"})
        void refusesJobsThatYieldNoVideoVariants(Kind kind) {
            InvalidRequestException e = rejection(
                    () -> FollowUpRules.requireExtendable(completed(kind, TestJobs.ALL_VIDEO_ACTIONS), FIRST));

            assertThat(e.field()).isEqualTo("jobId");
            assertThat(e.value()).contains("a " + kind.canonical() + " job");
        }

        @Test
        void refusesUnknownTaskType() {
            Job job = Job.builder(VIDEO_JOB, TaskType.of("video_remaster"), JobStatus.COMPLETED)
                    .build();

            assertThat(rejection(() -> FollowUpRules.requireExtendable(job, FIRST))
                            .value())
                    .contains("a video_remaster job");
        }

        @ParameterizedTest
        @ValueSource(strings = {"pending", "staged", "processing", "failed", "queued"})
        void refusesVideoJobThatHasNotCompleted(String status) {
            InvalidRequestException e =
                    rejection(() -> FollowUpRules.requireExtendable(videoJobWithStatus(status), FIRST));

            assertThat(e.field()).isEqualTo("jobId");
            assertThat(e.value()).endsWith("which is " + status);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1})
        void acceptsIndexTheJobOffers(int index) {
            Job job = completed(Kind.VIDEO_DIFFUSION, offering("extend", 0, 1));

            assertThatCode(() -> FollowUpRules.requireExtendable(job, VariantIndex.videoNo(index)))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 3})
        void refusesIndexTheJobDoesNotOffer(int index) {
            Job job = completed(Kind.VIDEO_DIFFUSION, offering("extend", 0, 1));

            InvalidRequestException e =
                    rejection(() -> FollowUpRules.requireExtendable(job, VariantIndex.videoNo(index)));

            assertThat(e.field()).isEqualTo("videoNo");
            assertThat(e.value()).isEqualTo(Integer.toString(index));
            assertThat(e.bound()).contains("[0, 1]");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 3})
        void allowsAnyIndexWhenTheJobListsNoActions(int index) {
            Job job = completed(Kind.EXTEND_VIDEO, AvailableActions.NONE);

            assertThatCode(() -> FollowUpRules.requireExtendable(job, VariantIndex.videoNo(index)))
                    .doesNotThrowAnyException();
        }

        @Test
        void refusesWhenExtendIsAbsentButOtherActionsAreListed() {
            Job job = completed(Kind.EXTEND_VIDEO, offering("upscale", 0, 1, 2, 3));

            InvalidRequestException e = rejection(() -> FollowUpRules.requireExtendable(job, FIRST));

            assertThat(e.field()).isEqualTo("videoNo");
            assertThat(e.bound()).contains("for extend").contains("extended 4 times offers none");
        }

        @Test
        void refusesWhenOnlyFlagsAreListed() {
            Job job = completed(Kind.VIDEO_DIFFUSION, new AvailableActions(Map.of(), Set.of("reroll")));

            assertThat(rejection(() -> FollowUpRules.requireExtendable(job, FIRST))
                            .field())
                    .isEqualTo("videoNo");
        }
    }

    @Nested
    class Upscale {

        @ParameterizedTest
        @EnumSource(
                value = Kind.class,
                names = {"VIDEO_DIFFUSION", "EXTEND_VIDEO"})
        void acceptsCompletedVideoDiffusionOrExtension(Kind kind) {
            assertThatCode(() -> FollowUpRules.requireUpscalable(completed(kind, TestJobs.ALL_VIDEO_ACTIONS), FIRST))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @EnumSource(
                value = Kind.class,
                names = {"VIDEO_UPSCALE", "DIFFUSION", "UPSCALE"})
        void refusesJobsThatYieldNoVideoVariants(Kind kind) {
            InvalidRequestException e = rejection(
                    () -> FollowUpRules.requireUpscalable(completed(kind, TestJobs.ALL_VIDEO_ACTIONS), FIRST));

            assertThat(e.field()).isEqualTo("jobId");
            assertThat(e.bound()).contains("to upscale");
        }

        @ParameterizedTest
        @ValueSource(strings = {"pending", "processing", "failed"})
        void refusesVideoJobThatHasNotCompleted(String status) {
            assertThat(rejection(() -> FollowUpRules.requireUpscalable(videoJobWithStatus(status), FIRST))
                            .value())
                    .endsWith("which is " + status);
        }

        @Test
        void refusesIndexTheJobDoesNotOfferForUpscale() {
            Job job = completed(Kind.VIDEO_DIFFUSION, offering("upscale", 1, 2));

            InvalidRequestException e = rejection(() -> FollowUpRules.requireUpscalable(job, VariantIndex.videoNo(3)));

            assertThat(e.field()).isEqualTo("videoNo");
            assertThat(e.bound()).contains("for upscale, [1, 2]");
        }

        @Test
        void acceptsIndexTheJobOffersForUpscale() {
            Job job = completed(Kind.VIDEO_DIFFUSION, offering("upscale", 1, 2));

            assertThatCode(() -> FollowUpRules.requireUpscalable(job, VariantIndex.videoNo(2)))
                    .doesNotThrowAnyException();
        }

        @Test
        void refusesWhenUpscaleIsAbsentButExtendIsListed() {
            Job job = completed(Kind.VIDEO_DIFFUSION, offering("extend", 0, 1, 2, 3));

            assertThat(rejection(() -> FollowUpRules.requireUpscalable(job, FIRST))
                            .field())
                    .isEqualTo("videoNo");
        }

        @Test
        void allowsAnyIndexWhenTheJobListsNoActions() {
            Job job = completed(Kind.VIDEO_DIFFUSION, AvailableActions.NONE);

            assertThatCode(() -> FollowUpRules.requireUpscalable(job, VariantIndex.videoNo(3)))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class Animate {

        private Job imageJob(Kind kind, JobStatus status, int images) {
            List<URI> urls = TestJobs.fourImages().subList(0, images);
            return Job.builder(IMAGE_JOB, TaskType.of(kind), status)
                    .imageUrls(urls)
                    .build();
        }

        @ParameterizedTest
        @EnumSource(
                value = Kind.class,
                names = {"DIFFUSION", "VARIATION", "REROLL", "BLEND", "REMIX"})
        void acceptsCompletedImageJob(Kind kind) {
            assertThatCode(() -> FollowUpRules.requireAnimatable(
                            imageJob(kind, JobStatus.COMPLETED, 4), VariantIndex.imageNo(3)))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @EnumSource(
                value = Kind.class,
                names = {"VIDEO_DIFFUSION", "EXTEND_VIDEO", "VIDEO_UPSCALE"})
        void refusesVideoJob(Kind kind) {
            InvalidRequestException e = rejection(() -> FollowUpRules.requireAnimatable(
                    TestJobs.job(VIDEO_JOB, kind, JobStatus.COMPLETED), VariantIndex.imageNo(0)));

            assertThat(e.field()).isEqualTo("jobId");
            assertThat(e.bound()).isEqualTo("the id of an image job to animate");
            assertThat(e.value()).contains("a " + kind.canonical() + " job");
        }

        @Test
        void refusesUnknownTaskType() {
            Job job = Job.builder(IMAGE_JOB, TaskType.of("describe"), JobStatus.COMPLETED)
                    .build();

            assertThat(rejection(() -> FollowUpRules.requireAnimatable(job, VariantIndex.imageNo(0)))
                            .field())
                    .isEqualTo("jobId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"pending", "staged", "processing", "failed"})
        void refusesImageJobThatHasNotCompleted(String status) {
            InvalidRequestException e = rejection(() -> FollowUpRules.requireAnimatable(
                    imageJob(Kind.DIFFUSION, JobStatus.of(status), 0), VariantIndex.imageNo(0)));

            assertThat(e.field()).isEqualTo("jobId");
            assertThat(e.value()).endsWith("which is " + status);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1})
        void acceptsIndexWithinTheImagesTheJobHas(int index) {
            assertThatCode(() -> FollowUpRules.requireAnimatable(
                            imageJob(Kind.UPSCALE, JobStatus.COMPLETED, 2), VariantIndex.imageNo(index)))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 3})
        void refusesIndexBeyondTheImagesTheJobHas(int index) {
            InvalidRequestException e = rejection(() -> FollowUpRules.requireAnimatable(
                    imageJob(Kind.DIFFUSION, JobStatus.COMPLETED, 2), VariantIndex.imageNo(index)));

            assertThat(e.field()).isEqualTo("imageNo");
            assertThat(e.bound()).startsWith("below 2");
            assertThat(e.value()).isEqualTo(Integer.toString(index));
        }

        @Test
        void allowsAnyIndexWhenTheJobListsNoImages() {
            assertThatCode(() -> FollowUpRules.requireAnimatable(
                            imageJob(Kind.DIFFUSION, JobStatus.COMPLETED, 0), VariantIndex.imageNo(3)))
                    .doesNotThrowAnyException();
        }
    }
}
