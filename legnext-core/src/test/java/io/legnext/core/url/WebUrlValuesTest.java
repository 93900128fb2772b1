package io.legnext.core.url;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The two URL values requests carry, held to the same rules (they share {@link WebUrls}), each under its own name. */
class WebUrlValuesTest {

    /** A URL value: how it is made, and the field it reports. */
    enum Kind {
        CALLBACK("callback", "https://hooks.example.com/", CallbackUrl::parse, CallbackUrl::new),
        IMAGE("imageUrl", "https://cdn.example.com/", ImageUrl::parse, ImageUrl::new);

        final String field;
        final String base;
        final Function<String, Object> parse;
        final Function<URI, Object> construct;

        Kind(String field, String base, Function<String, Object> parse, Function<URI, Object> construct) {
            this.field = field;
            this.base = base;
            this.parse = parse;
            this.construct = construct;
        }

        String host() {
            return URI.create(base).getHost();
        }
    }

    /** Every kind with every value. */
    private static Stream<Arguments> eachKindWith(Function<Kind, Stream<?>> values) {
        return Arrays.stream(Kind.values()).flatMap(k -> values.apply(k).map(v -> Arguments.of(k, v)));
    }

    static Stream<Arguments> absoluteHttpUrls() {
        return eachKindWith(k -> Stream.of(
                "http://" + k.host() + "/a",
                k.base + "a?token=abc",
                k.base.toUpperCase(Locale.ROOT) + "x",
                "https://127.0.0.1:8443/a"));
    }

    static Stream<Arguments> notAbsoluteHttpUrls() {
        return eachKindWith(k -> Stream.of(
                null,
                "",
                "   ",
                "ftp://" + k.host() + "/a",
                "/relative/a",
                k.host() + "/a",
                "https:///no-host",
                "https://",
                "mailto:ops@example.com",
                "https://exa mple.com/a"));
    }

    static Stream<Arguments> lengthsUpTo2048() {
        return eachKindWith(k -> Stream.of(2047, 2048));
    }

    static Stream<Arguments> lengthsAbove2048() {
        return eachKindWith(k -> Stream.of(2049, 10_000));
    }

    static Stream<Arguments> notHttpUris() {
        return eachKindWith(k -> Stream.of("/relative", "ftp://" + k.host() + "/a", "file:///etc/passwd"));
    }

    @ParameterizedTest
    @MethodSource("absoluteHttpUrls")
    void acceptsAbsoluteHttpOrHttpsUrl(Kind kind, String text) {
        assertThat(URI.create(kind.parse.apply(text).toString())).isEqualTo(URI.create(text));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ignoresSurroundingWhitespace(Kind kind) {
        assertThat(kind.parse.apply("  " + kind.base + "a ")).hasToString(kind.base + "a");
    }

    @ParameterizedTest
    @MethodSource("notAbsoluteHttpUrls")
    void rejectsAnythingButAbsoluteHttpOrHttpsUrl(Kind kind, String text) {
        InvalidRequestException e = rejection(() -> kind.parse.apply(text));

        assertThat(e.field()).isEqualTo(kind.field);
        assertThat(e.bound()).startsWith("an absolute http or https URL");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rejectionOfFtpNamesFieldBoundAndValue(Kind kind) {
        String ftp = "ftp://" + kind.host() + "/a";

        assertThat(rejection(() -> kind.parse.apply(ftp)))
                .hasMessage("'" + kind.field + "' must be an absolute http" + " or https URL, was '" + ftp
                        + "'. Nothing was sent.");
    }

    @ParameterizedTest
    @MethodSource("lengthsUpTo2048")
    void acceptsUrlOfAtMost2048Characters(Kind kind, int length) {
        String text = kind.base + "x".repeat(length - kind.base.length());

        assertThat(kind.parse.apply(text).toString()).hasSize(length);
    }

    @ParameterizedTest
    @MethodSource("lengthsAbove2048")
    void rejectsUrlAbove2048Characters(Kind kind, int length) {
        String text = kind.base + "x".repeat(length - kind.base.length());

        InvalidRequestException e = rejection(() -> kind.parse.apply(text));

        assertThat(e.field()).isEqualTo(kind.field);
        assertThat(e.bound()).contains("at most 2048 characters");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void constructorRejectsAbsentUri(Kind kind) {
        assertThat(rejection(() -> kind.construct.apply(null)).field()).isEqualTo(kind.field);
    }

    @ParameterizedTest
    @MethodSource("notHttpUris")
    void constructorRejectsUriThatIsNotAbsoluteHttp(Kind kind, String uri) {
        assertThat(rejection(() -> kind.construct.apply(URI.create(uri))).field())
                .isEqualTo(kind.field);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void constructorRejectsUriAbove2048Characters(Kind kind) {
        URI uri = URI.create(kind.base + "x".repeat(3000));

        assertThat(rejection(() -> kind.construct.apply(uri)).field()).isEqualTo(kind.field);
    }
}
