package io.legnext.core.request;

import static io.legnext.core.error.Rejections.rejection;
import static io.legnext.core.job.TestJobs.IMAGE_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.VariantIndex;
import io.legnext.core.url.CallbackUrl;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnimateImageTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void ofAsksFor480pOfTheChosenImageWithoutPromptOrCallback(int imageNo) {
        AnimateImage request = AnimateImage.of(IMAGE_JOB.toString(), imageNo);

        assertThat(request.imageJob()).isEqualTo(IMAGE_JOB);
        assertThat(request.imageIndex().value()).isEqualTo(imageNo);
        assertThat(request.prompt()).isEmpty();
        assertThat(request.wirePrompt()).isEmpty();
        assertThat(request.quality()).isEqualTo(VideoQuality.P480);
        assertThat(request.callback()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4})
    void rejectsImageNoOutsideZeroToThree(int imageNo) {
        assertThat(rejection(() -> AnimateImage.of(IMAGE_JOB.toString(), imageNo)))
                .hasMessageStartingWith("'imageNo' must be between 0 and 3, was " + imageNo);
    }

    @Test
    void rejectsJobIdThatIsNotAUuid() {
        assertThat(rejection(() -> AnimateImage.of("1-2-3-4-5", 0)).field()).isEqualTo("jobId");
    }

    @Test
    void rejectsAbsentJobAndAbsentImage() {
        assertThat(rejection(() -> new AnimateImage(null, new VariantIndex(0), null, null, null))
                        .field())
                .isEqualTo("jobId");
        assertThat(rejection(() -> new AnimateImage(IMAGE_JOB, null, null, null, null))
                        .field())
                .isEqualTo("imageNo");
    }

    @Test
    void withPromptSendsThePrompt() {
        AnimateImage request = AnimateImage.of(IMAGE_JOB.toString(), 2).withPrompt(Prompt.of("slow zoom"));

        assertThat(request.wirePrompt()).contains(Prompt.of("slow zoom"));
    }

    @Test
    void withQualityAndCallbackKeepTheRest() {
        CallbackUrl callback = CallbackUrl.parse("https://hooks.example.com/cb");

        AnimateImage request = AnimateImage.of(IMAGE_JOB.toString(), 1)
                .withQuality(VideoQuality.P720)
                .withCallback(callback);

        assertThat(request)
                .isEqualTo(new AnimateImage(
                        IMAGE_JOB,
                        VariantIndex.imageNo(1),
                        Optional.empty(),
                        VideoQuality.P720,
                        Optional.of(callback)));
    }

    @Test
    void namesTheImageAndItsJob() {
        assertThat(AnimateImage.of("8201cd3e-1234-4d5e-9f00-0123456789ab", 2).describeMode())
                .isEqualTo("animate image 2 of job 8201cd3e-1234-4d5e-9f00-0123456789ab");
    }
}
