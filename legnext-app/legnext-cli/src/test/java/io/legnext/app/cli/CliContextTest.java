package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliContextTest {

    @Test
    void toStringNeverShowsTheKeyOrTheWebhookSecret() {
        CliContext context = CliContext.of(
                Map.of(
                        Settings.API_KEY_ENV,
                        "lk-live-canary-key-4242",
                        Settings.WEBHOOK_SECRET_ENV,
                        "whsec-canary-secret-77",
                        Settings.HOME_ENV,
                        "/tmp/legnext-home",
                        "GITHUB_TOKEN",
                        "ghp-canary-token-99"),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                false,
                Path.of("/tmp"));

        String shown = context.toString();

        assertThat(shown)
                .doesNotContain("lk-live-canary-key-4242")
                .doesNotContain("canary-key")
                .doesNotContain("whsec-canary-secret-77")
                .doesNotContain("canary-secret")
                .doesNotContain("ghp-canary-token-99");
        assertThat(shown)
                .contains(Settings.API_KEY_ENV)
                .contains(Settings.WEBHOOK_SECRET_ENV)
                .contains("/tmp/legnext-home");
    }
}
