package io.legnext.core.request;

import static io.legnext.core.error.Rejections.rejection;
import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.VariantIndex;
import io.legnext.core.url.CallbackUrl;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtendVideoTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void ofChoosesTheVideoWithoutPromptOrCallback(int videoNo) {
        ExtendVideo request = ExtendVideo.of(VIDEO_JOB.toString(), videoNo);

        assertThat(request.videoJob()).isEqualTo(VIDEO_JOB);
        assertThat(request.videoIndex().value()).isEqualTo(videoNo);
        assertThat(request.prompt()).isEmpty();
        assertThat(request.callback()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4, 5})
    void rejectsVideoNoOutsideZeroToThree(int videoNo) {
        assertThat(rejection(() -> ExtendVideo.of(VIDEO_JOB.toString(), videoNo)))
                .hasMessageStartingWith("'videoNo' must be between 0 and 3, was " + videoNo);
    }

    @Test
    void rejectsJobIdThatIsNotAUuid() {
        assertThat(rejection(() -> ExtendVideo.of("garbage", 0)).field()).isEqualTo("jobId");
    }

    @Test
    void rejectsAbsentJobAndAbsentVideo() {
        assertThat(rejection(() -> new ExtendVideo(null, new VariantIndex(0), null, null))
                        .field())
                .isEqualTo("jobId");
        assertThat(rejection(() -> new ExtendVideo(VIDEO_JOB, null, null, null)).field())
                .isEqualTo("videoNo");
    }

    @Test
    void withPromptAndCallbackKeepTheRest() {
        CallbackUrl callback = CallbackUrl.parse("https://hooks.example.com/cb");

        ExtendVideo request = ExtendVideo.of(VIDEO_JOB.toString(), 2)
                .withPrompt(Prompt.of("the camera pulls back"))
                .withCallback(callback);

        assertThat(request)
                .isEqualTo(new ExtendVideo(
                        VIDEO_JOB,
                        VariantIndex.videoNo(2),
                        Optional.of(Prompt.of("the camera pulls back")),
                        Optional.of(callback)));
    }
}
