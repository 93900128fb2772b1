package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.AuthenticationException;
import io.legnext.core.error.InsufficientCreditsException;
import io.legnext.core.error.InvalidParametersException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.ServiceRejectedException;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.time.VirtualTime;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake refuses what the service refuses, with the exception types and bodies the HTTP adapter raises. */
class FakeLegnextRulesTest {

    private static final String KEY = "sk-fake-0123456789";

    private final VirtualTime time = new VirtualTime();
    private final FakeLegnext legnext = FakeLegnext.builder(time).seed(5).build();

    // ------------------------------------------------------------------ unknown jobs

    static Stream<Arguments> callsOnAnUnknownJob() {
        return Stream.of(
                Arguments.of("lookup", (Consumer<FakeLegnext>) f -> f.getJob(JobId.random())),
                Arguments.of("extend", (Consumer<FakeLegnext>)
                        f -> f.extend(ExtendVideo.of(JobId.random().toString(), 0))),
                Arguments.of("upscale", (Consumer<FakeLegnext>)
                        f -> f.upscale(UpscaleVideo.of(JobId.random().toString(), 0))),
                Arguments.of("animate", (Consumer<FakeLegnext>)
                        f -> f.generate(AnimateImage.of(JobId.random().toString(), 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsOnAnUnknownJob")
    void anUnknownJobIsNotFoundWithTheWrappedErrorBody(String call, Consumer<FakeLegnext> action) {
        assertThatThrownBy(() -> action.accept(legnext)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.httpStatus()).hasValue(404);
            assertThat(e.rawBody()).contains("{\"error\":{\"code\":404,\"message\":\"Job not found\"}}");
            assertThat(e.getMessage())
                    .contains("was rejected: HTTP 404: Job not found")
                    .contains(NotFoundException.ADVICE);
        });
    }

    @Test
    void aRefusedSubmitChargesNothingAndCreatesNoJob() {
        long before = legnext.getBalance().availablePoints();

        assertThatThrownBy(() -> legnext.extend(ExtendVideo.of(JobId.random().toString(), 0)))
                .isInstanceOf(NotFoundException.class);

        assertThat(legnext.getBalance().availablePoints()).isEqualTo(before);
        assertThat(legnext.jobCount()).isZero();
    }

    // ------------------------------------------------------------------ extend and upscale sources

    @ParameterizedTest(name = "{0} of an unfinished video job")
    @ValueSource(strings = {"extend", "upscale"})
    void aVideoJobThatHasNotCompletedCannotBeFollowedUp(String action) {
        JobId running = legnext.generate(TextToVideo.of("a fox")).id();

        assertInvalid(() -> followUp(action, running, 0), "is pending, not completed");
    }

    @ParameterizedTest(name = "{0} of a failed video job")
    @ValueSource(strings = {"extend", "upscale"})
    void aFailedVideoJobCannotBeFollowedUp(String action) {
        legnext.failNextJob(500, "Task failed");
        JobId failed = legnext.generate(TextToVideo.of("a fox")).id();
        time.advance(Duration.ofMinutes(10));

        assertInvalid(() -> followUp(action, failed, 0), "is failed, not completed");
    }

    @ParameterizedTest(name = "{0} of an image job")
    @ValueSource(strings = {"extend", "upscale"})
    void anImageJobCannotBeExtendedOrUpscaled(String action) {
        JobId image = legnext.seedCompletedImageJob();

        assertInvalid(() -> followUp(action, image, 0), "is a diffusion job");
    }

    @ParameterizedTest(name = "{0} of an upscale")
    @ValueSource(strings = {"extend", "upscale"})
    void anUpscaleCannotBeExtendedOrUpscaledAgain(String action) {
        JobId upscale = legnext.upscale(
                        UpscaleVideo.of(legnext.seedCompletedVideoJob().toString(), 0))
                .id();
        time.advance(Duration.ofMinutes(10));

        assertInvalid(() -> followUp(action, upscale, 0), "is a video_upscale job");
    }

    @ParameterizedTest(name = "{0} video {1}")
    @CsvSource({"extend, 0", "extend, 3", "upscale, 0", "upscale, 3"})
    void everyVideoOfACompletedVideoJobMayBeFollowedUp(String action, int videoNo) {
        JobId video = legnext.seedCompletedVideoJob();

        assertThatCode(() -> followUp(action, video, videoNo)).doesNotThrowAnyException();
    }

    @Test
    void anUpscaleOfAnExtensionIsAccepted() {
        JobId extension = extendTimes(legnext.seedCompletedVideoJob(), 1);

        assertThatCode(() -> legnext.upscale(UpscaleVideo.of(extension.toString(), 2)))
                .doesNotThrowAnyException();
    }

    // ------------------------------------------------------------------ the extension limit

    @ParameterizedTest(name = "extension {0} of a lineage is accepted")
    @ValueSource(ints = {1, 2, 3, 4})
    void upToFourExtensionsOfALineageAreAccepted(int n) {
        assertThatCode(() -> extendTimes(legnext.seedCompletedVideoJob(), n)).doesNotThrowAnyException();
    }

    @Test
    void aFifthExtensionIsRefused() {
        JobId fourth = extendTimes(legnext.seedCompletedVideoJob(), 4);

        assertInvalid(
                () -> legnext.extend(ExtendVideo.of(fourth.toString(), 0)),
                "the last of 4 extensions of its video (20 s)");
    }

    @ParameterizedTest(name = "after {0} extensions: extend offered = {1}")
    @CsvSource({"0, true", "1, true", "3, true", "4, false"})
    void extendIsOfferedUntilTheLineageHasFourExtensions(int extensions, boolean offered) {
        JobId job = extendTimes(legnext.seedCompletedVideoJob(), extensions);

        AvailableActions actions = legnext.getJob(job).availableActions();

        assertThat(actions.indicesFor(AvailableActions.EXTEND).isPresent()).isEqualTo(offered);
        assertThat(actions.indicesFor(AvailableActions.UPSCALE)).isPresent();
    }

    @Test
    void theLineageIsCountedPerChainNotPerSourceJob() {
        JobId base = legnext.seedCompletedVideoJob();
        extendTimes(base, 4);

        assertThatCode(() -> legnext.extend(ExtendVideo.of(base.toString(), 3))).doesNotThrowAnyException();
    }

    // ------------------------------------------------------------------ animate

    @ParameterizedTest(name = "image {0} of a job with {1} images")
    @CsvSource({"0, 1", "0, 4", "3, 4", "1, 2"})
    void anImageTheJobHasCanBeAnimated(int imageNo, int images) {
        JobId image = legnext.seedCompletedImageJob(images);

        Job job = legnext.generate(AnimateImage.of(image.toString(), imageNo));

        assertThat(job.taskType().wireName()).isEqualTo("video_diffusion");
    }

    @ParameterizedTest(name = "image {0} of a job with {1} images")
    @CsvSource({"1, 1", "3, 3", "2, 2"})
    void anImageTheJobDoesNotHaveIsRefused(int imageNo, int images) {
        JobId image = legnext.seedCompletedImageJob(images);

        assertInvalid(
                () -> legnext.generate(AnimateImage.of(image.toString(), imageNo)),
                "imageNo " + imageNo + " is out of range");
    }

    @Test
    void aVideoJobCannotBeAnimated() {
        JobId video = legnext.seedCompletedVideoJob();

        assertInvalid(() -> legnext.generate(AnimateImage.of(video.toString(), 0)), "is a video_diffusion job");
    }

    @Test
    void anImageJobStillRunningCannotBeAnimated() {
        JobId image = legnext.seedRunningImageJob();

        assertInvalid(
                () -> legnext.generate(AnimateImage.of(image.toString(), 0)),
                "its images can be animated once it has completed");
    }

    // ------------------------------------------------------------------ the API key

    static Stream<Arguments> everyCall() {
        return Stream.of(
                Arguments.of("generate", (Consumer<FakeLegnext>) f -> f.generate(TextToVideo.of("a fox"))),
                Arguments.of("extend", (Consumer<FakeLegnext>)
                        f -> f.extend(ExtendVideo.of(JobId.random().toString(), 0))),
                Arguments.of("upscale", (Consumer<FakeLegnext>)
                        f -> f.upscale(UpscaleVideo.of(JobId.random().toString(), 0))),
                Arguments.of("getJob", (Consumer<FakeLegnext>) f -> f.getJob(JobId.random())),
                Arguments.of("getBalance", (Consumer<FakeLegnext>) FakeLegnext::getBalance));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void aWrongKeyIsRejectedOnEveryCallWithoutRevealingTheKey(String call, Consumer<FakeLegnext> action) {
        FakeLegnext service = FakeLegnext.builder(time).apiKey(KEY).build();

        assertThatThrownBy(() -> action.accept(service.withApiKey("sk-wrong-key")))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(401);
                    assertThat(e.rawBody())
                            .contains(
                                    "{\"code\":401,\"message\":\"Failed to verify api key\",\"raw_message\":\"\",\"detail\":null}");
                    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("sk-wrong-key");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void aMissingKeyIsRejectedWhenOneIsConfigured(String call, Consumer<FakeLegnext> action) {
        FakeLegnext service = FakeLegnext.builder(time).apiKey(KEY).build();

        assertThatThrownBy(() -> action.accept(service.withApiKey(null))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void theConfiguredKeyIsAccepted() {
        FakeLegnext service = FakeLegnext.builder(time).apiKey(KEY).build();

        assertThatCode(() -> service.withApiKey(KEY).generate(TextToVideo.of("a fox")))
                .doesNotThrowAnyException();
        assertThatCode(() -> service.generate(TextToVideo.of("a fox"))).doesNotThrowAnyException();
    }

    @Test
    void anyKeyIsAcceptedWhenNoneIsConfigured() {
        assertThatCode(() -> legnext.withApiKey("whatever").generate(TextToVideo.of("a fox")))
                .doesNotThrowAnyException();
    }

    @Test
    void clientsWithDifferentKeysShareTheService() {
        FakeLegnext service = FakeLegnext.builder(time).apiKey(KEY).build();
        JobId id = service.generate(TextToVideo.of("a fox")).id();

        assertThat(service.withApiKey(KEY).getJob(id).id()).isEqualTo(id);
    }

    @Test
    void theKeyAndSecretNeverAppearInToString() {
        FakeLegnext.Builder builder = FakeLegnext.builder(time).apiKey(KEY).webhookSecret("whsec-very-secret");
        FakeLegnext service = builder.build();

        assertThat(service.toString()).doesNotContain(KEY).contains("apiKey=configured");
        assertThat(service.withApiKey("sk-other").toString())
                .doesNotContain("sk-other")
                .doesNotContain(KEY);
        assertThat(builder.toString()).doesNotContain(KEY).doesNotContain("whsec-very-secret");
    }

    // ------------------------------------------------------------------ the balance

    @Test
    void aSubmitTheBalanceCannotCoverIsRefusedWithInsufficientCredits() {
        FakeLegnext poor = FakeLegnext.builder(time).availablePoints(479).build();

        assertThatThrownBy(() -> poor.generate(TextToVideo.of("a fox")))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(402);
                    assertThat(e.serviceMessage()).isEqualTo("Insufficient credits, please top up your balance");
                    assertThat(e.getMessage()).contains("needs 480 points").contains("479 points");
                });
        assertThat(poor.jobCount()).isZero();
    }

    @ParameterizedTest(name = "{0} points left: accepted = {1}")
    @CsvSource({"479, false", "480, true", "481, true"})
    void aSubmitIsAcceptedExactlyWhenTheBalanceCoversIt(long points, boolean accepted) {
        FakeLegnext fake = FakeLegnext.builder(time).availablePoints(points).build();

        if (accepted) {
            assertThatCode(() -> fake.generate(TextToVideo.of("a fox"))).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> fake.generate(TextToVideo.of("a fox")))
                    .isInstanceOf(InsufficientCreditsException.class);
        }
    }

    @Test
    void theBalanceRunsOutAfterAsManyJobsAsItCovers() {
        FakeLegnext fake =
                FakeLegnext.builder(time).availablePoints(3 * 480 + 100).build();
        for (int i = 0; i < 3; i++) {
            fake.generate(TextToVideo.of("a fox " + i));
        }

        assertThatThrownBy(() -> fake.generate(TextToVideo.of("one too many")))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThat(fake.getBalance().availablePoints()).isEqualTo(100);
    }

    @Test
    void creditsPayWhenPointsDoNotSuffice() {
        FakeLegnext fake = FakeLegnext.builder(time)
                .availablePoints(100)
                .availableCredits(1000)
                .build();

        Job job = fake.generate(TextToVideo.of("a fox"));

        assertThat(job.usage().unit()).isEqualTo("credit");
        assertThat(fake.getBalance().availableCredits()).isEqualTo(520);
        assertThat(fake.getBalance().availablePoints()).isEqualTo(100);
    }

    @Test
    void invalidParametersCarryTheFlatBodyWithTheReason() {
        JobId image = legnext.seedCompletedImageJob();

        assertThatThrownBy(() -> legnext.extend(ExtendVideo.of(image.toString(), 0)))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(400);
                    assertThat(e.serviceMessage()).isEqualTo("Invalid request parameters");
                    assertThat(e.rawBody())
                            .hasValueSatisfying(body -> assertThat(body)
                                    .startsWith(
                                            "{\"code\":400,\"message\":\"Invalid request parameters\",\"raw_message\":\"job "
                                                    + image + " is a diffusion job")
                                    .endsWith("\",\"detail\":null}"));
                    assertThat(e.getMessage())
                            .startsWith("Submitting an extend-video job for video 0 of job " + image
                                    + " was rejected: HTTP 400");
                });
    }

    // ------------------------------------------------------------------ helpers

    private Job followUp(String action, JobId source, int videoNo) {
        return action.equals("extend")
                ? legnext.extend(ExtendVideo.of(source.toString(), videoNo))
                : legnext.upscale(UpscaleVideo.of(source.toString(), videoNo));
    }

    /** Extends {@code base} {@code n} times in a chain, each after the previous completed; answers the last. */
    private JobId extendTimes(JobId base, int n) {
        JobId current = base;
        for (int i = 0; i < n; i++) {
            current = legnext.extend(ExtendVideo.of(current.toString(), i % 4)).id();
            time.advance(Duration.ofMinutes(10));
        }
        return current;
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidParametersException.class, e -> {
            assertThat(e.httpStatus()).hasValue(400);
            assertThat(e.error().rawMessage()).contains(reason);
            assertThat(e).isInstanceOf(ServiceRejectedException.class);
        });
    }
}
