package io.legnext.core.job;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariantIndexTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void acceptsIndexFromZeroToThree(int value) {
        assertThat(new VariantIndex(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsIndexOutsideZeroToThree(int value) {
        assertThat(rejection(() -> new VariantIndex(value)))
                .hasMessage("'index' must be between 0 and 3, was " + value + ". Nothing was sent.");
    }

    @Test
    void rejectsVariantAboveThreeNamingVideoNo() {
        assertThat(rejection(() -> VariantIndex.videoNo(5)))
                .hasMessageStartingWith("'videoNo' must be between 0 and 3, was 5");
    }

    @Test
    void rejectsVariantBelowZeroNamingImageNo() {
        InvalidRequestException e = rejection(() -> VariantIndex.imageNo(-1));

        assertThat(e.field()).isEqualTo("imageNo");
        assertThat(e.value()).isEqualTo("-1");
        assertThat(e).hasMessageStartingWith("'imageNo' must be between 0 and 3, was -1");
    }

    @Test
    void rejectsVariantNamingTheGivenField() {
        assertThat(rejection(() -> VariantIndex.of("--video", 4)).field()).isEqualTo("--video");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void namedFactoriesAcceptTheBounds(int value) {
        assertThat(VariantIndex.videoNo(value))
                .isEqualTo(VariantIndex.imageNo(value))
                .isEqualTo(new VariantIndex(value))
                .hasToString(Integer.toString(value));
    }
}
