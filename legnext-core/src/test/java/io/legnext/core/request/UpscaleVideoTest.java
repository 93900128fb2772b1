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

class UpscaleVideoTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void ofChoosesTheVideoWithoutCallback(int videoNo) {
        UpscaleVideo request = UpscaleVideo.of(VIDEO_JOB.toString(), videoNo);

        assertThat(request.videoJob()).isEqualTo(VIDEO_JOB);
        assertThat(request.videoIndex().value()).isEqualTo(videoNo);
        assertThat(request.callback()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4})
    void rejectsVideoNoOutsideZeroToThree(int videoNo) {
        assertThat(rejection(() -> UpscaleVideo.of(VIDEO_JOB.toString(), videoNo)))
                .hasMessageStartingWith("'videoNo' must be between 0 and 3, was " + videoNo);
    }

    @Test
    void rejectsJobIdThatIsNotAUuid() {
        assertThat(rejection(() -> UpscaleVideo.of("", 0)).field()).isEqualTo("jobId");
    }

    @Test
    void rejectsAbsentJobAndAbsentVideo() {
        assertThat(rejection(() -> new UpscaleVideo(null, new VariantIndex(0), null))
                        .field())
                .isEqualTo("jobId");
        assertThat(rejection(() -> new UpscaleVideo(VIDEO_JOB, null, null)).field())
                .isEqualTo("videoNo");
    }

    @Test
    void withCallbackKeepsTheRest() {
        CallbackUrl callback = CallbackUrl.parse("https://hooks.example.com/cb");

        assertThat(UpscaleVideo.of(VIDEO_JOB.toString(), 1).withCallback(callback))
                .isEqualTo(new UpscaleVideo(VIDEO_JOB, VariantIndex.videoNo(1), Optional.of(callback)));
    }
}
