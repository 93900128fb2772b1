package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.time.VirtualTime;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A submitted job moves pending, staged, processing, completed on the injected clock, like the real service. */
class FakeLegnextLifecycleTest {

    /** Pending 2 s, staged 3 s, then 4 min of processing: completed at 4 min 5 s. */
    private static final FakeTimings ROUND = FakeTimings.DEFAULT
            .withPending(FakeTimings.Range.exactly(Duration.ofSeconds(2)))
            .withStaged(FakeTimings.Range.exactly(Duration.ofSeconds(3)))
            .withVideoDiffusion(
                    FakeTimings.Range.exactly(Duration.ofMinutes(4)), FakeTimings.Range.exactly(Duration.ofMinutes(6)));

    private final VirtualTime time = new VirtualTime();
    private final FakeLegnext legnext = FakeLegnext.builder(time).seed(11).build();

    @ParameterizedTest(name = "{0} s after submit: {1}")
    @CsvSource({
        "0, PENDING", "1, PENDING",
        "2, STAGED", "4, STAGED",
        "5, PROCESSING", "244, PROCESSING",
        "245, COMPLETED", "3600, COMPLETED"
    })
    void aVideoJobPassesEachStateAtItsTime(long seconds, JobStatus.State expected) {
        FakeLegnext fake = FakeLegnext.builder(time).timings(ROUND).build();
        JobId id = fake.generate(TextToVideo.of("a lighthouse at dusk")).id();

        time.advance(Duration.ofSeconds(seconds));

        assertThat(fake.getJob(id).status().state()).isEqualTo(expected);
    }

    @Test
    void timesAppearOnlyOnceReachedAndInOrder() {
        FakeLegnext fake = FakeLegnext.builder(time).timings(ROUND).build();
        Instant submitted = time.now();
        JobId id = fake.generate(TextToVideo.of("a lighthouse at dusk")).id();

        Job pending = fake.getJob(id);
        time.advance(Duration.ofSeconds(5));
        Job processing = fake.getJob(id);
        time.advance(Duration.ofMinutes(4));
        Job completed = fake.getJob(id);

        assertThat(pending.createdAt()).contains(submitted);
        assertThat(pending.startedAt()).isEmpty();
        assertThat(pending.endedAt()).isEmpty();
        assertThat(processing.startedAt()).contains(submitted.plusSeconds(5));
        assertThat(processing.endedAt()).isEmpty();
        assertThat(completed.startedAt()).contains(submitted.plusSeconds(5));
        assertThat(completed.endedAt()).contains(submitted.plusSeconds(245));
    }

    @Test
    void aJobIsAcceptedPendingWithItsCostFrozenAndNothingConsumed() {
        Job accepted = legnext.generate(TextToVideo.of("a lighthouse at dusk"));

        assertThat(accepted.status()).isEqualTo(JobStatus.PENDING);
        assertThat(accepted.taskType().wireName()).isEqualTo("video_diffusion");
        assertThat(accepted.usage().unit()).isEqualTo("point");
        assertThat(accepted.usage().frozen()).isEqualTo(480);
        assertThat(accepted.usage().consumed()).isZero();
        assertThat(accepted.videoUrls()).isEmpty();
        assertThat(accepted.seed()).isEmpty();
        assertThat(accepted.availableActions().isEmpty()).isTrue();
    }

    @Test
    void aCompletedVideoJobHasFourSignedLookingHttpsVideosASeedItsActionsAndConsumedItsCost() {
        JobId id = legnext.generate(TextToVideo.of("a lighthouse at dusk")).id();
        time.advance(Duration.ofMinutes(6));

        Job job = legnext.getJob(id);

        assertThat(job.isCompleted()).isTrue();
        assertThat(job.videoUrls()).hasSize(4).doesNotHaveDuplicates().allSatisfy(url -> {
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(url.getHost()).isEqualTo("cdn.legnext.ai");
            assertThat(url.getPath()).startsWith("/temp/").endsWith(".mp4");
            assertThat(url.getQuery()).contains("Expires=").contains("Signature=");
        });
        assertThat(job.seed())
                .hasValueSatisfying(seed -> assertThat(Long.parseLong(seed)).isPositive());
        assertThat(job.availableActions().indicesFor(AvailableActions.EXTEND)).contains(Set.of(0, 1, 2, 3));
        assertThat(job.availableActions().indicesFor(AvailableActions.UPSCALE)).contains(Set.of(0, 1, 2, 3));
        assertThat(job.usage().consumed()).isEqualTo(480);
        assertThat(job.failure()).isEmpty();
    }

    @Test
    void resultUrlsExpireThreeDaysAfterTheJobEnded() {
        JobId id = legnext.seedCompletedVideoJob();

        URI url = legnext.getJob(id).videoUrls().get(0);

        long expires = Long.parseLong(url.getQuery().replaceAll(".*Expires=(\\d+).*", "$1"));
        assertThat(Instant.ofEpochSecond(expires)).isEqualTo(time.now().plus(Duration.ofDays(3)));
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of("video-diffusion 480p", Duration.ofMinutes(3), Duration.ofMinutes(5)),
                Arguments.of("video-diffusion 720p", Duration.ofMinutes(5), Duration.ofMinutes(8)),
                Arguments.of("extend-video", Duration.ofMinutes(3), Duration.ofMinutes(5)),
                Arguments.of("video-upscale", Duration.ofMinutes(4), Duration.ofMinutes(6)));
    }

    @ParameterizedTest(name = "{0} runs {1} to {2}")
    @MethodSource("operations")
    void eachOperationRunsForItsRealisticDuration(String operation, Duration min, Duration max) {
        Function<FakeLegnext, Job> submit = submitter(operation);
        for (int i = 0; i < 50; i++) {
            FakeLegnext fake = FakeLegnext.builder(time).seed(i).build();
            Job job = submit.apply(fake);
            time.advance(Duration.ofMinutes(10));
            Job done = fake.getJob(job.id());
            Duration running = Duration.between(
                    done.startedAt().orElseThrow(), done.endedAt().orElseThrow());
            Duration queued = Duration.between(
                    done.createdAt().orElseThrow(), done.startedAt().orElseThrow());

            assertThat(running).isBetween(min, max);
            assertThat(queued).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
        }
    }

    @Test
    void a720pVideoTakesLongerThanA480pOne() {
        Job p480 = legnext.generate(TextToVideo.of("a lighthouse at dusk"));
        Job p720 = legnext.generate(TextToVideo.of("a lighthouse at dusk").withQuality(VideoQuality.P720));
        time.advance(Duration.ofMinutes(10));

        assertThat(runtime(legnext.getJob(p720.id()))).isGreaterThan(runtime(legnext.getJob(p480.id())));
    }

    @Test
    void theSameSeedAndCallsGiveTheSameJobs() {
        List<Job> first = submitThree(FakeLegnext.builder(time).seed(99).build());
        List<Job> second = submitThree(FakeLegnext.builder(time).seed(99).build());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void jobIdsAreRandomVersion4Uuids() {
        Job job = legnext.generate(TextToVideo.of("a lighthouse at dusk"));

        assertThat(job.id().value().version()).isEqualTo(4);
        assertThat(job.id().value().variant()).isEqualTo(2);
    }

    @Test
    void anExtensionIsAnExtendVideoJobOfFourVideos() {
        JobId source = legnext.seedCompletedVideoJob();
        JobId id = legnext.extend(ExtendVideo.of(source.toString(), 2)).id();
        time.advance(Duration.ofMinutes(6));

        Job job = legnext.getJob(id);

        assertThat(job.taskType().kind()).isEqualTo(TaskType.Kind.EXTEND_VIDEO);
        assertThat(job.videoUrls()).hasSize(4);
        assertThat(job.availableActions().indicesFor(AvailableActions.EXTEND)).isPresent();
    }

    @Test
    void anUpscaleOffersNoFurtherActions() {
        JobId source = legnext.seedCompletedVideoJob();
        JobId id = legnext.upscale(UpscaleVideo.of(source.toString(), 0)).id();
        time.advance(Duration.ofMinutes(7));

        Job job = legnext.getJob(id);

        assertThat(job.taskType().kind()).isEqualTo(TaskType.Kind.VIDEO_UPSCALE);
        assertThat(job.isCompleted()).isTrue();
        assertThat(job.availableActions().isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "upscale yields {0} video(s)")
    @CsvSource({"1", "4"})
    void anUpscaleYieldsTheConfiguredNumberOfVideos(int count) {
        FakeLegnext fake = FakeLegnext.builder(time).upscaleVideoCount(count).build();
        JobId id = fake.upscale(UpscaleVideo.of(fake.seedCompletedVideoJob().toString(), 0))
                .id();
        time.advance(Duration.ofMinutes(7));

        assertThat(fake.getJob(id).videoUrls()).hasSize(count);
    }

    @Test
    void aSeededImageJobHasAGridAndFourImagesAndImageActions() {
        Job job = legnext.getJob(legnext.seedCompletedImageJob());

        assertThat(job.taskType().kind()).isEqualTo(TaskType.Kind.DIFFUSION);
        assertThat(job.imageGridUrl())
                .hasValueSatisfying(u -> assertThat(u.getPath()).endsWith(".png"));
        assertThat(job.imageUrls()).hasSize(4).doesNotContain(job.imageGridUrl().get());
        assertThat(job.availableActions().flags()).contains("reroll");
        assertThat(job.usage().frozen()).isEqualTo(80);
    }

    @Test
    void aRunningImageJobCompletesAfterTheImageDuration() {
        JobId id = legnext.seedRunningImageJob();
        JobStatus.State before = legnext.getJob(id).status().state();

        time.advance(Duration.ofSeconds(70));

        assertThat(before).isNotEqualTo(JobStatus.State.COMPLETED);
        assertThat(legnext.getJob(id).isCompleted()).isTrue();
    }

    @Test
    void seedingChargesNothing() {
        long before = legnext.getBalance().availablePoints();

        legnext.seedCompletedVideoJob();
        legnext.seedCompletedImageJob();
        legnext.seedRunningImageJob();

        assertThat(legnext.getBalance().availablePoints()).isEqualTo(before);
        assertThat(legnext.jobCount()).isEqualTo(3);
    }

    @Test
    void noTaskIsScheduledForAJobWithoutCallback() {
        legnext.generate(TextToVideo.of("a lighthouse at dusk"));

        assertThat(time.pendingTasks()).isZero();
    }

    private List<Job> submitThree(FakeLegnext fake) {
        List<Job> jobs = new ArrayList<>();
        jobs.add(fake.generate(TextToVideo.of("one")));
        jobs.add(fake.generate(ImageToVideo.of("https://example.com/a.jpg", "two")));
        jobs.add(fake.upscale(UpscaleVideo.of(fake.seedCompletedVideoJob().toString(), 1)));
        return jobs;
    }

    private static Function<FakeLegnext, Job> submitter(String operation) {
        return switch (operation) {
            case "video-diffusion 480p" -> f -> f.generate(TextToVideo.of("a fox"));
            case "video-diffusion 720p" ->
                f -> f.generate(TextToVideo.of("a fox").withQuality(VideoQuality.P720));
            case "extend-video" ->
                f -> f.extend(ExtendVideo.of(f.seedCompletedVideoJob().toString(), 0));
            case "video-upscale" ->
                f -> f.upscale(UpscaleVideo.of(f.seedCompletedVideoJob().toString(), 0));
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private static Duration runtime(Job job) {
        return Duration.between(job.createdAt().orElseThrow(), job.endedAt().orElseThrow());
    }
}
