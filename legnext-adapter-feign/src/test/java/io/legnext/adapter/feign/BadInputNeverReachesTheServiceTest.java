package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.service.VideoJobService;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.url.ImageUrl;
import io.legnext.core.wait.WaitOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reliability record for bad input through the library: each invalid request is refused with an error naming
 * the field, and not one request reaches the stub service.
 */
class BadInputNeverReachesTheServiceTest {

    private static final String JOB = "8201cd3e-1234-4d5e-9f00-0123456789ab";
    private static final String URL = "https://example.com/cat.jpg";
    private static final JobId FULLY_EXTENDED = JobId.parse("5f0e0d0c-0b0a-4909-8807-060504030201");

    private VideoJobService service;

    @BeforeEach
    void stubThatAnswersEverything() {
        StubLegnext.reset();
        StubLegnext.stub(any(anyUrl()).willReturn(json(200, Payloads.completedVideo(JOB))));
        LegnextHttpAdapter http = StubLegnext.adapter().build();
        InMemoryJobJournal journal = new InMemoryJobJournal();
        journal.record(new SubmittedJob(
                FULLY_EXTENDED,
                TaskType.of(TaskType.Kind.EXTEND_VIDEO),
                Optional.of(JobId.random()),
                Optional.of(VariantIndex.videoNo(0)),
                4,
                Instant.EPOCH));
        service = new VideoJobService(http, http, journal, Clock.systemUTC());
    }

    /** One invalid request, made through the builders or through the service. */
    interface Call {
        void run(VideoJobService service);
    }

    private static Arguments bad(String field, String description, Call call) {
        return Arguments.of(field, description, call);
    }

    static Stream<Arguments> badInput() {
        String tooLong = "a".repeat(Prompt.MAX_LENGTH + 1);
        return Stream.of(
                bad("videoNo", "videoNo -1", service -> ExtendVideo.of(JOB, -1)),
                bad("videoNo", "videoNo 4", service -> ExtendVideo.of(JOB, 4)),
                bad("videoNo", "videoNo max int", service -> UpscaleVideo.of(JOB, Integer.MAX_VALUE)),
                bad("videoNo", "upscale videoNo -1", service -> UpscaleVideo.of(JOB, -1)),
                bad("imageNo", "imageNo -1", service -> AnimateImage.of(JOB, -1)),
                bad("imageNo", "imageNo 4", service -> AnimateImage.of(JOB, 4)),
                bad("prompt", "empty prompt", service -> TextToVideo.of("")),
                bad("prompt", "blank prompt", service -> TextToVideo.of(" \t\n ")),
                bad("prompt", "8193-character prompt", service -> TextToVideo.of(tooLong)),
                bad("prompt", "8193 emoji", service -> TextToVideo.of("\uD83C\uDFAC".repeat(Prompt.MAX_LENGTH + 1))),
                bad("prompt", "--motion medium", service -> TextToVideo.of("a fox --motion medium")),
                bad("prompt", "--motion without value", service -> TextToVideo.of("a fox --motion")),
                bad("prompt", "--end without URL", service -> TextToVideo.of("a fox --end")),
                bad("prompt", "--end with ftp URL", service -> TextToVideo.of("a fox --end ftp://x/y.png")),
                bad("prompt", "malformed leading URL", service -> TextToVideo.of("https:// a fox")),
                bad("prompt", "image URL + 8192-character text", service -> ImageToVideo.of(URL, "a".repeat(8192))),
                bad("imageUrl", "ftp image URL", service -> ImageToVideo.of("ftp://example.com/cat.jpg", "a cat")),
                bad("imageUrl", "relative image URL", service -> ImageToVideo.of("/cat.jpg", "a cat")),
                bad("imageUrl", "image URL without host", service -> ImageUrl.parse("https:///cat.jpg")),
                bad("imageUrl", "blank image URL", service -> ImageUrl.parse("  ")),
                bad("imageUrl", "3000-character image URL", service -> ImageUrl.parse(URL + "?" + "q".repeat(3000))),
                bad("callback", "mailto callback", service -> CallbackUrl.parse("mailto:ops@example.com")),
                bad("callback", "callback without scheme", service -> CallbackUrl.parse("hooks.example.com/legnext")),
                bad("callback", "empty callback", service -> CallbackUrl.parse("")),
                bad("callback", "callback with spaces", service -> CallbackUrl.parse("https://hooks example.com")),
                bad("jobId", "empty job id", service -> ExtendVideo.of("", 0)),
                bad("jobId", "short job id", service -> ExtendVideo.of("1234", 0)),
                bad("jobId", "35-character job id", service -> UpscaleVideo.of(JOB.substring(1), 0)),
                bad("jobId", "job id with short groups", service -> AnimateImage.of("1-2-3-4-5", 0)),
                bad(
                        "jobId",
                        "job id with misplaced dashes",
                        service -> JobId.parse("00000000000000001-2-3-4-000000000005")),
                bad("jobId", "job id with non-hex", service -> JobId.parse("zzzzzzzz-1234-4d5e-9f00-0123456789ab")),
                bad("quality", "1080p", service -> VideoQuality.parse("1080p")),
                bad("quality", "hd", service -> VideoQuality.parse("hd")),
                bad("quality", "empty quality", service -> VideoQuality.parse("")),
                bad("videoType", "videoType 2", service -> VideoQuality.fromVideoType(2)),
                bad("timeout", "zero timeout", service -> WaitOptions.defaults().withTimeout(Duration.ZERO)),
                bad(
                        "timeout",
                        "negative timeout",
                        service -> WaitOptions.defaults().withTimeout(Duration.ofSeconds(-1))),
                bad(
                        "pollInterval",
                        "50 ms poll interval",
                        service -> WaitOptions.defaults().withFixedInterval(Duration.ofMillis(50))),
                bad(
                        "jobId",
                        "a fifth extension",
                        service -> service.extend(ExtendVideo.of(FULLY_EXTENDED.toString(), 0))),
                bad(
                        "prompt",
                        "extension prompt of 8193 characters",
                        service -> ExtendVideo.of(JOB, 0).withPrompt(Prompt.of(tooLong))));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void isRefusedNamingTheFieldAndSendsNothing(String field, String description, Call call) {
        Throwable thrown = catchThrowable(() -> call.run(service));

        assertThat(thrown).as(description).isInstanceOf(InvalidRequestException.class);
        InvalidRequestException e = (InvalidRequestException) thrown;
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage())
                .startsWith("'" + field + "' must be ")
                .contains(", was ")
                .endsWith("Nothing was sent.");
        assertThat(StubLegnext.requests())
                .as("requests that reached the service")
                .isEmpty();
    }
}
