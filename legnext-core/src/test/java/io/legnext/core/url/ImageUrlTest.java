package io.legnext.core.url;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageUrlTest {

    private static final String BASE = "https://cdn.example.com/";

    @ParameterizedTest
    @ValueSource(strings = {"http://cdn.example.com/cat.jpg", "https://cdn.example.com/cat.jpg?token=abc",
        "HTTPS://CDN.EXAMPLE.COM/x", "https://127.0.0.1:8443/cat.jpg"})
    void acceptsAbsoluteHttpOrHttpsUrl(String text) {
        assertThat(ImageUrl.parse(text).uri()).isEqualTo(URI.create(text));
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(ImageUrl.parse("  https://cdn.example.com/cat.jpg ")).hasToString("https://cdn.example.com/cat.jpg");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "ftp://cdn.example.com/cat.jpg", "/relative/cat.jpg", "cdn.example.com/cat.jpg",
        "https:///no-host", "https://", "mailto:ops@example.com", "https://exa mple.com/cat.jpg"})
    void rejectsAnythingButAbsoluteHttpOrHttpsUrl(String text) {
        InvalidRequestException e = rejection(() -> ImageUrl.parse(text));

        assertThat(e.field()).isEqualTo("imageUrl");
        assertThat(e.bound()).startsWith("an absolute http or https URL");
    }

    @Test
    void rejectionOfFtpNamesFieldBoundAndValue() {
        assertThat(rejection(() -> ImageUrl.parse("ftp://cdn.example.com/cat.jpg")))
                .hasMessage("'imageUrl' must be an absolute http or https URL, was 'ftp://cdn.example.com/cat.jpg'."
                        + " Nothing was sent.");
    }

    @ParameterizedTest
    @ValueSource(ints = {2047, 2048})
    void acceptsUrlOfAtMost2048Characters(int length) {
        String text = BASE + "x".repeat(length - BASE.length());

        assertThat(ImageUrl.parse(text).toString()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {2049, 10_000})
    void rejectsUrlAbove2048Characters(int length) {
        String text = BASE + "x".repeat(length - BASE.length());

        InvalidRequestException e = rejection(() -> ImageUrl.parse(text));

        assertThat(e.field()).isEqualTo("imageUrl");
        assertThat(e.bound()).contains("at most 2048 characters");
    }

    @Test
    void constructorRejectsAbsentUri() {
        assertThat(rejection(() -> new ImageUrl(null)).field()).isEqualTo("imageUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "ftp://cdn.example.com/cat.jpg", "file:///etc/passwd"})
    void constructorRejectsUriThatIsNotAbsoluteHttp(String uri) {
        assertThat(rejection(() -> new ImageUrl(URI.create(uri))).field()).isEqualTo("imageUrl");
    }

    @Test
    void constructorRejectsUriAbove2048Characters() {
        URI uri = URI.create(BASE + "x".repeat(3000));

        assertThat(rejection(() -> new ImageUrl(uri)).field()).isEqualTo("imageUrl");
    }
}
