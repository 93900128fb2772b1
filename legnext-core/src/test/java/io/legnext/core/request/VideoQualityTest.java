package io.legnext.core.request;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoQualityTest {

    @ParameterizedTest
    @CsvSource({"480p, P480", "720p, P720", "480, P480", "720, P720", "480P, P480", "720P, P720", "' 720p ', P720"})
    void parsesLabelWithOrWithoutPInAnyCase(String text, VideoQuality expected) {
        assertThat(VideoQuality.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1080p", "1080", "360p", "p", "480pp", "hd"})
    void rejectsAnythingButTheTwoResolutions(String text) {
        InvalidRequestException e = rejection(() -> VideoQuality.parse(text));

        assertThat(e.field()).isEqualTo("quality");
        assertThat(e.bound()).isEqualTo("480p or 720p");
    }

    @Test
    void rejectionOf1080pNamesTheValue() {
        assertThat(rejection(() -> VideoQuality.parse("1080p")))
                .hasMessage("'quality' must be 480p or 720p, was '1080p'. Nothing was sent.");
    }

    @ParameterizedTest
    @CsvSource({"0, P480", "1, P720"})
    void mapsVideoTypeToQuality(int videoType, VideoQuality expected) {
        assertThat(VideoQuality.fromVideoType(videoType)).isEqualTo(expected);
        assertThat(expected.videoType()).isEqualTo(videoType);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 2})
    void rejectsUnknownVideoType(int videoType) {
        InvalidRequestException e = rejection(() -> VideoQuality.fromVideoType(videoType));

        assertThat(e.field()).isEqualTo("videoType");
        assertThat(e.value()).isEqualTo(Integer.toString(videoType));
    }

    @Test
    void defaultsTo480p() {
        assertThat(VideoQuality.DEFAULT).isEqualTo(VideoQuality.P480);
        assertThat(VideoQuality.DEFAULT.videoType()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"P480, 480p", "P720, 720p"})
    void showsTheLabelUsersWrite(VideoQuality quality, String label) {
        assertThat(quality.label()).isEqualTo(label);
        assertThat(quality).hasToString(label);
    }
}
