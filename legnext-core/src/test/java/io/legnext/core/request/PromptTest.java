package io.legnext.core.request;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PromptTest {

    private static final String IMAGE = "https://cdn.example.com/cat.jpg";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8191, 8192})
    void acceptsPromptFromOneTo8192Characters(int length) {
        Prompt prompt = Prompt.of("a".repeat(length));

        assertThat(prompt.length()).isEqualTo(length);
    }

    @Test
    void acceptsPromptOfExactly8192Characters() {
        assertThat(Prompt.of("x".repeat(8192)).text()).hasSize(8192);
    }

    @ParameterizedTest
    @ValueSource(ints = {8193, 10_000})
    void rejectsPromptAbove8192Characters(int length) {
        InvalidRequestException e = rejection(() -> Prompt.of("a".repeat(length)));

        assertThat(e.field()).isEqualTo("prompt");
        assertThat(e)
                .hasMessageContaining("between 1 and 8192 characters")
                .hasMessageContaining(length + " characters");
    }

    @Test
    void acceptsPromptOf8192EmojiCountingCodePoints() {
        Prompt prompt = Prompt.of("😀".repeat(8192));

        assertThat(prompt.text()).hasSize(16_384);
        assertThat(prompt.length()).isEqualTo(8192);
    }

    @Test
    void rejectsPromptOf8193Emoji() {
        assertThat(rejection(() -> Prompt.of("😀".repeat(8193))).field()).isEqualTo("prompt");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\n \r\n"})
    void rejectsAbsentOrBlankPrompt(String text) {
        InvalidRequestException e = rejection(() -> Prompt.of(text));

        assertThat(e.field()).isEqualTo("prompt");
        assertThat(e).hasMessageContaining("not blank");
    }

    @Test
    void keepsTheTextExactlyAsGiven() {
        String text = "  a cat   walks --bs 2 ";

        assertThat(Prompt.of(text).text()).isEqualTo(text);
        assertThat(Prompt.of(text)).hasToString(text);
    }

    @Test
    void detectsLeadingImageUrl() {
        Prompt prompt = Prompt.of(IMAGE + " a cat walking");

        assertThat(prompt.leadingImageUrl()).contains(URI.create(IMAGE));
    }

    @Test
    void detectsLeadingImageUrlWithPlainHttpAndUpperCaseScheme() {
        assertThat(Prompt.of("HTTP://cdn.example.com/a.png zoom out").leadingImageUrl())
                .contains(URI.create("HTTP://cdn.example.com/a.png"));
    }

    @Test
    void detectsImageUrlThatIsTheWholePrompt() {
        Prompt prompt = Prompt.of(IMAGE);

        assertThat(prompt.leadingImageUrl()).contains(URI.create(IMAGE));
        assertThat(prompt.description()).isEmpty();
    }

    @Test
    void hasNoLeadingImageUrlForPlainText() {
        assertThat(Prompt.of("a lighthouse at dusk").leadingImageUrl()).isEmpty();
    }

    @Test
    void urlLaterInThePromptIsNotALeadingImageUrl() {
        Prompt prompt = Prompt.of("a cat like " + IMAGE);

        assertThat(prompt.leadingImageUrl()).isEmpty();
        assertThat(prompt.description()).isEqualTo("a cat like " + IMAGE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https:// a cat",
                "https:///cat.jpg a cat",
                "http://exa^mple.com/cat.jpg a cat",
                "https://cdn.example.com/c%zzat.jpg a cat"
            })
    void rejectsMalformedLeadingImageUrl(String text) {
        InvalidRequestException e = rejection(() -> Prompt.of(text));

        assertThat(e.field()).isEqualTo("prompt");
        assertThat(e.bound()).contains("leading image URL");
    }

    @ParameterizedTest
    @CsvSource({
        "a cat --motion low, LOW",
        "a cat --motion high, HIGH",
        "a cat --motion LOW, LOW",
        "a cat --motion High, HIGH",
        "a cat --MOTION high, HIGH",
        "--motion high a cat, HIGH"
    })
    void readsMotionInAnyCase(String text, Prompt.Motion expected) {
        assertThat(Prompt.of(text).motion()).contains(expected);
    }

    @Test
    void hasNoMotionWhenNotGiven() {
        assertThat(Prompt.of("a cat").motion()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a cat --motion medium", "a cat --motion 2", "a cat --motion --raw"})
    void rejectsMotionOtherThanLowOrHigh(String text) {
        InvalidRequestException e = rejection(() -> Prompt.of(text));

        assertThat(e.field()).isEqualTo("prompt");
        assertThat(e).hasMessageContaining("'--motion' flag is followed by low or high");
    }

    @Test
    void rejectionOfInvalidMotionQuotesTheFlagAndValue() {
        assertThat(rejection(() -> Prompt.of("a cat --motion medium"))).hasMessageContaining("'--motion medium'");
    }

    @Test
    void rejectsMotionWithoutValue() {
        assertThat(rejection(() -> Prompt.of("a cat --motion"))).hasMessageContaining("'--motion' at the end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a cat --raw", "--raw a cat", "a cat --RAW"})
    void readsRaw(String text) {
        assertThat(Prompt.of(text).raw()).isTrue();
    }

    @Test
    void isNotRawWithoutTheFlag() {
        assertThat(Prompt.of("a raw cat").raw()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a cat --loop", "--Loop a cat"})
    void readsLoop(String text) {
        assertThat(Prompt.of(text).loop()).isTrue();
    }

    @Test
    void doesNotLoopWithoutTheFlag() {
        assertThat(Prompt.of("a looping cat").loop()).isFalse();
    }

    @Test
    void readsEndFrameUrl() {
        assertThat(Prompt.of("a cat --end https://cdn.example.com/last.png").endFrame())
                .contains(URI.create("https://cdn.example.com/last.png"));
    }

    @Test
    void hasNoEndFrameWhenNotGiven() {
        assertThat(Prompt.of("a cat").endFrame()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a cat --end",
                "a cat --end last.png",
                "a cat --end ftp://cdn.example.com/last.png",
                "a cat --end --raw"
            })
    void rejectsEndWithoutAbsoluteHttpUrl(String text) {
        InvalidRequestException e = rejection(() -> Prompt.of(text));

        assertThat(e.field()).isEqualTo("prompt");
        assertThat(e.bound()).contains("'--end' flag is followed by an absolute http or https image URL");
    }

    @Test
    void keepsUnknownFlagsInTextAndDescription() {
        Prompt prompt = Prompt.of("a cat --bs 2 --stylize 250");

        assertThat(prompt.text()).isEqualTo("a cat --bs 2 --stylize 250");
        assertThat(prompt.description()).isEqualTo("a cat --bs 2 --stylize 250");
        assertThat(prompt.motion()).isEmpty();
    }

    @Test
    void descriptionStripsLeadingUrlAndKnownFlags() {
        Prompt prompt = Prompt.of(
                IMAGE + " a cat walks --motion high --raw --loop" + " --end https://cdn.example.com/last.png slowly");

        assertThat(prompt.description()).isEqualTo("a cat walks slowly");
    }

    @Test
    void readsEveryKnownFlagTogether() {
        Prompt prompt = Prompt.of(IMAGE + " a cat --motion high --raw --loop --end https://cdn.example.com/last.png");

        assertThat(prompt.leadingImageUrl()).contains(URI.create(IMAGE));
        assertThat(prompt.motion()).contains(Prompt.Motion.HIGH);
        assertThat(prompt.raw()).isTrue();
        assertThat(prompt.loop()).isTrue();
        assertThat(prompt.endFrame()).contains(URI.create("https://cdn.example.com/last.png"));
    }
}
