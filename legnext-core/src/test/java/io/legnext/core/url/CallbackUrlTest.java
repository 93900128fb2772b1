package io.legnext.core.url;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlTest {

    private static final String BASE = "https://hooks.example.com/";

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/legnext", "https://hooks.example.com/legnext?token=abc",
        "HTTPS://HOOKS.EXAMPLE.COM/x", "https://127.0.0.1:8443/cb"})
    void acceptsAbsoluteHttpOrHttpsUrl(String text) {
        assertThat(CallbackUrl.parse(text).uri()).isEqualTo(URI.create(text));
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(CallbackUrl.parse("  https://hooks.example.com/cb ")).hasToString("https://hooks.example.com/cb");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "ftp://hooks.example.com/cb", "/relative/cb", "hooks.example.com/cb",
        "https:///no-host", "https://", "mailto:ops@example.com", "https://exa mple.com/cb"})
    void rejectsAnythingButAbsoluteHttpOrHttpsUrl(String text) {
        InvalidRequestException e = rejection(() -> CallbackUrl.parse(text));

        assertThat(e.field()).isEqualTo("callback");
        assertThat(e.bound()).startsWith("an absolute http or https URL");
    }

    @Test
    void rejectionOfFtpNamesFieldBoundAndValue() {
        assertThat(rejection(() -> CallbackUrl.parse("ftp://hooks.example.com/cb")))
                .hasMessage("'callback' must be an absolute http or https URL, was 'ftp://hooks.example.com/cb'."
                        + " Nothing was sent.");
    }

    @ParameterizedTest
    @ValueSource(ints = {2047, 2048})
    void acceptsUrlOfAtMost2048Characters(int length) {
        String text = BASE + "x".repeat(length - BASE.length());

        assertThat(CallbackUrl.parse(text).toString()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {2049, 10_000})
    void rejectsUrlAbove2048Characters(int length) {
        String text = BASE + "x".repeat(length - BASE.length());

        InvalidRequestException e = rejection(() -> CallbackUrl.parse(text));

        assertThat(e.field()).isEqualTo("callback");
        assertThat(e.bound()).contains("at most 2048 characters");
    }

    @Test
    void constructorRejectsAbsentUri() {
        assertThat(rejection(() -> new CallbackUrl(null)).field()).isEqualTo("callback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "ftp://hooks.example.com/cb", "file:///etc/passwd"})
    void constructorRejectsUriThatIsNotAbsoluteHttp(String uri) {
        assertThat(rejection(() -> new CallbackUrl(URI.create(uri))).field()).isEqualTo("callback");
    }

    @Test
    void constructorRejectsUriAbove2048Characters() {
        URI uri = URI.create(BASE + "x".repeat(3000));

        assertThat(rejection(() -> new CallbackUrl(uri)).field()).isEqualTo("callback");
    }
}
