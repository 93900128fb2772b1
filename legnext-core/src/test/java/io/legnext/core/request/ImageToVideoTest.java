package io.legnext.core.request;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.url.ImageUrl;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageToVideoTest {

    private static final String IMAGE = "https://cdn.example.com/cat.jpg";

    /** Text that makes "IMAGE text" exactly {@code total} characters long. */
    private static String textForCombinedLength(int total) {
        return "a".repeat(total - IMAGE.length() - 1);
    }

    @Test
    void ofAsksFor480pWithoutCallback() {
        ImageToVideo request = ImageToVideo.of(IMAGE, "a cat walks");

        assertThat(request.image()).isEqualTo(ImageUrl.parse(IMAGE));
        assertThat(request.prompt()).contains(Prompt.of("a cat walks"));
        assertThat(request.quality()).isEqualTo(VideoQuality.P480);
        assertThat(request.callback()).isEmpty();
    }

    @Test
    void wirePromptIsTheImageUrlFollowedByTheText() {
        Prompt wire =
                ImageToVideo.of(IMAGE, "a cat walks --motion high").wirePrompt().orElseThrow();

        assertThat(wire.text()).isEqualTo(IMAGE + " a cat walks --motion high");
        assertThat(wire.leadingImageUrl()).contains(URI.create(IMAGE));
        assertThat(wire.motion()).contains(Prompt.Motion.HIGH);
    }

    @Test
    void wirePromptIsTheImageUrlAloneWithoutText() {
        ImageToVideo request = ImageToVideo.of(IMAGE, null);

        assertThat(request.prompt()).isEmpty();
        assertThat(request.wirePrompt()).contains(Prompt.of(IMAGE));
    }

    @Test
    void acceptsImageUrlAndTextOfExactly8192CharactersTogether() {
        ImageToVideo request = ImageToVideo.of(IMAGE, textForCombinedLength(8192));

        assertThat(request.wirePrompt().orElseThrow().length()).isEqualTo(8192);
    }

    @ParameterizedTest
    @ValueSource(ints = {8193, 8200})
    void rejectsImageUrlAndTextAbove8192CharactersTogether(int total) {
        String text = textForCombinedLength(total);

        InvalidRequestException e = rejection(() -> ImageToVideo.of(IMAGE, text));

        assertThat(e.field()).isEqualTo("prompt");
        assertThat(e.bound()).isEqualTo("at most 8192 characters together with the image URL in front of it");
    }

    @Test
    void rejectsTextOf8192CharactersOnceTheImageUrlIsInFront() {
        String text = "a".repeat(8192);

        assertThat(rejection(() -> ImageToVideo.of(IMAGE, text)).field()).isEqualTo("prompt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://cdn.example.com/cat.jpg", "cat.jpg", ""})
    void rejectsImageThatIsNotAnAbsoluteHttpUrl(String image) {
        assertThat(rejection(() -> ImageToVideo.of(image, "a cat")).field()).isEqualTo("imageUrl");
    }

    @Test
    void rejectsAbsentImage() {
        assertThat(rejection(() -> new ImageToVideo(null, Optional.empty(), null, null))
                        .field())
                .isEqualTo("imageUrl");
    }

    @Test
    void absentPromptQualityAndCallbackMeanTheDefaults() {
        ImageToVideo request = new ImageToVideo(ImageUrl.parse(IMAGE), null, null, null);

        assertThat(request.prompt()).isEmpty();
        assertThat(request.quality()).isEqualTo(VideoQuality.DEFAULT);
        assertThat(request.callback()).isEmpty();
    }

    @Test
    void withQualityAndCallbackKeepTheRest() {
        CallbackUrl callback = CallbackUrl.parse("https://hooks.example.com/cb");

        ImageToVideo request =
                ImageToVideo.of(IMAGE, "a cat").withQuality(VideoQuality.P720).withCallback(callback);

        assertThat(request)
                .isEqualTo(new ImageToVideo(
                        ImageUrl.parse(IMAGE),
                        Optional.of(Prompt.of("a cat")),
                        VideoQuality.P720,
                        Optional.of(callback)));
    }

    @Test
    void isImageUrlToVideo() {
        assertThat(ImageToVideo.of("https://example.com/cat.jpg", "a cat walking")
                        .describeMode())
                .isEqualTo("image URL to video");
    }
}
