package io.legnext.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private static final String KEY = "sk-live/Ab+c\"d9";

    @Test
    void masksTheSecretWhereverItStands() {
        Redactor r = Redactor.of(KEY);

        assertThat(r.redact("key " + KEY + " and again" + KEY)).isEqualTo("key [redacted] and again[redacted]");
    }

    @Test
    void masksTheSecretAsJsonAndUrlEncodingSpellIt() {
        Redactor r = Redactor.of(KEY);

        assertThat(r.redact("{\"raw_message\":\"bad key sk-live\\/Ab+c\\\"d9\"}"))
                .isEqualTo("{\"raw_message\":\"bad key [redacted]\"}");
        assertThat(r.redact("GET /x?key=sk-live%2FAb%2Bc%22d9")).isEqualTo("GET /x?key=[redacted]");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://user:s3cret@host/a|http://[redacted]@host/a",
                "see HTTPS://k@api.example.com:8443 now|see HTTPS://[redacted]@api.example.com:8443 now",
                "'http://a:b@h' and 'ftp://c@d'|'http://[redacted]@h' and 'ftp://[redacted]@d'",
                "mail me at a@b.com|mail me at a@b.com",
                "https://host/path@v2|https://host/path@v2"
            })
    void masksUrlCredentialsOnly(String text, String expected) {
        assertThat(Redactor.URL_CREDENTIALS.redact(text)).isEqualTo(expected);
    }

    @Test
    void ignoresBlankSecretsAndKeepsNull() {
        Redactor r = Redactor.of(null, "", "  ");

        assertThat(r.hasSecrets()).isFalse();
        assertThat(r.redact(null)).isNull();
        assertThat(r.redact("plain text")).isEqualTo("plain text");
    }

    @Test
    void masksTheLongerOfTwoOverlappingSecretsWhole() {
        Redactor r = Redactor.of("abc", "abcdef");

        assertThat(r.redact("x abcdef y abc")).isEqualTo("x [redacted] y [redacted]");
    }

    @Test
    void saysWhetherTextRevealsASecret() {
        Redactor r = Redactor.of(KEY);

        assertThat(r.reveals("no secret here")).isFalse();
        assertThat(r.reveals("it is " + KEY)).isTrue();
        assertThat(r.reveals("http://u:p@h")).isTrue();
    }

    @Test
    void toStringCountsSecretsWithoutShowingThem() {
        Redactor r = Redactor.of(KEY).with("whsec", KEY);

        assertThat(r).hasToString("Redactor[2 secrets and URL credentials]");
        assertThat(r.toString()).doesNotContain(KEY).doesNotContain("whsec");
    }
}
