package io.legnext.core.request;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.url.CallbackUrl;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextToVideoTest {

    @Test
    void ofAsksFor480pWithoutCallback() {
        TextToVideo request = TextToVideo.of("a lighthouse at dusk");

        assertThat(request.prompt()).isEqualTo(Prompt.of("a lighthouse at dusk"));
        assertThat(request.quality()).isEqualTo(VideoQuality.P480);
        assertThat(request.callback()).isEmpty();
    }

    @Test
    void sendsThePromptAsGiven() {
        assertThat(TextToVideo.of("a lighthouse --motion high").wirePrompt())
                .contains(Prompt.of("a lighthouse --motion high"));
    }

    @Test
    void withQualityChangesOnlyTheQuality() {
        TextToVideo request = TextToVideo.of("a lighthouse").withQuality(VideoQuality.P720);

        assertThat(request).isEqualTo(new TextToVideo(Prompt.of("a lighthouse"), VideoQuality.P720, Optional.empty()));
    }

    @Test
    void withCallbackAddsTheCallback() {
        CallbackUrl callback = CallbackUrl.parse("https://hooks.example.com/cb");

        assertThat(TextToVideo.of("a lighthouse").withCallback(callback).callback())
                .contains(callback);
    }

    @Test
    void absentQualityAndCallbackMeanTheDefaults() {
        TextToVideo request = new TextToVideo(Prompt.of("a lighthouse"), null, null);

        assertThat(request.quality()).isEqualTo(VideoQuality.DEFAULT);
        assertThat(request.callback()).isEmpty();
    }

    @Test
    void rejectsAbsentPrompt() {
        assertThat(rejection(() -> new TextToVideo(null, VideoQuality.P480, Optional.empty()))
                        .field())
                .isEqualTo("prompt");
    }

    @Test
    void rejectsBlankPrompt() {
        assertThat(rejection(() -> TextToVideo.of(" ")).field()).isEqualTo("prompt");
    }

    @Test
    void aPlainPromptIsTextToVideo() {
        assertThat(TextToVideo.of("a lighthouse at dusk --motion high").describeMode())
                .isEqualTo("text to video");
    }

    @Test
    void aPromptStartingWithAnImageUrlIsImageUrlToVideo() {
        assertThat(TextToVideo.of("https://example.com/cat.jpg a cat walking").describeMode())
                .isEqualTo("image URL to video");
    }

    @Test
    void anImageUrlLaterInThePromptKeepsItTextToVideo() {
        assertThat(TextToVideo.of("a cat like https://example.com/cat.jpg").describeMode())
                .isEqualTo("text to video");
    }
}
