package io.legnext.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidRequestExceptionTest {

    @Test
    void messageNamesFieldBoundAndNumericValue() {
        assertThat(new InvalidRequestException("videoNo", "between 0 and 3", 5))
                .hasMessage("'videoNo' must be between 0 and 3, was 5. Nothing was sent.");
    }

    @Test
    void messageQuotesTextValues() {
        assertThat(new InvalidRequestException("quality", "480p or 720p", "1080p"))
                .hasMessage("'quality' must be 480p or 720p, was '1080p'. Nothing was sent.");
    }

    @Test
    void messageSaysAbsentForNull() {
        assertThat(new InvalidRequestException("prompt", "present", null))
                .hasMessage("'prompt' must be present, was absent. Nothing was sent.");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 80})
    void echoesTextOfAtMost80CharactersWhole(int length) {
        String value = "p".repeat(length);

        assertThat(new InvalidRequestException("prompt", "shorter", value))
                .hasMessageContaining("was '" + value + "'.");
    }

    @ParameterizedTest
    @ValueSource(ints = {81, 8193})
    void truncatesTextAbove80CharactersAndGivesItsLength(int length) {
        String value = "p".repeat(length);

        assertThat(new InvalidRequestException("prompt", "shorter", value))
                .hasMessage("'prompt' must be shorter, was '" + "p".repeat(77) + "...' (" + length + " characters)."
                        + " Nothing was sent.");
    }

    @Test
    void keepsTheWholeValueWhileTheMessageTruncatesIt() {
        String value = "p".repeat(200);

        assertThat(new InvalidRequestException("prompt", "shorter", value).value())
                .isEqualTo(value);
    }

    @Test
    void exposesFieldAndBound() {
        InvalidRequestException e = new InvalidRequestException("imageNo", "between 0 and 3", 4);

        assertThat(e.field()).isEqualTo("imageNo");
        assertThat(e.bound()).isEqualTo("between 0 and 3");
        assertThat(e.value()).isEqualTo("4");
    }

    @Test
    void isLocalSoHasNoHttpStatusOrBody() {
        InvalidRequestException e = new InvalidRequestException("imageNo", "between 0 and 3", 4);

        assertThat(e).isInstanceOf(LegnextException.class);
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.rawBody()).isEmpty();
    }

    @Test
    void reportsTheLengthOfALongEmojiValueInCodePoints() {
        String value = "😀".repeat(8193);

        assertThat(new InvalidRequestException("prompt", "shorter", value))
                .hasMessageContaining("(8193 characters)")
                .hasMessageNotContaining("\uD83D'");
    }
}
