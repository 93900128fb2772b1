package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    static final Path USER_HOME = Path.of("/home/someone");

    static Settings resolve(Map<String, String> env) {
        return resolve(new Settings.GlobalOptions(), env);
    }

    static Settings resolve(Settings.GlobalOptions options, Map<String, String> env) {
        return Settings.resolve(options, env, USER_HOME);
    }

    @Test
    void withoutAKeyTheFakeIsTheDefault() {
        Settings s = resolve(Map.of());

        assertThat(s.adapter()).isEqualTo(Settings.Adapter.FAKE);
        assertThat(s.home()).isEqualTo(USER_HOME.resolve(".legnext"));
        assertThat(s.fakeSpeed()).isEqualTo(Settings.DEFAULT_FAKE_SPEED);
        assertThat(s.baseUri()).isEqualTo(URI.create("https://api.legnext.ai"));
    }

    @Test
    void withAKeyHttpIsTheDefault() {
        assertThat(resolve(Map.of(Settings.API_KEY_ENV, "k")).adapter()).isEqualTo(Settings.Adapter.HTTP);
    }

    @Test
    void anOptionWinsOverItsVariable() {
        Settings.GlobalOptions options = new Settings.GlobalOptions();
        options.adapter = "fake";
        options.baseUrl = "http://127.0.0.1:8089";
        options.fakeSpeed = 5.0;

        Settings s = resolve(
                options,
                Map.of(
                        Settings.API_KEY_ENV,
                        "k",
                        Settings.ADAPTER_ENV,
                        "http",
                        Settings.BASE_URL_ENV,
                        "https://other.example",
                        Settings.FAKE_SPEED_ENV,
                        "60"));

        assertThat(s.adapter()).isEqualTo(Settings.Adapter.FAKE);
        assertThat(s.baseUri()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(s.fakeSpeed()).isEqualTo(5.0);
    }

    @Test
    void variablesApplyWhenNoOptionIsGiven() {
        Settings s = resolve(Map.of(
                Settings.ADAPTER_ENV,
                "HTTP",
                Settings.BASE_URL_ENV,
                "https://eu.example",
                Settings.HOME_ENV,
                "/tmp/lh",
                Settings.FAKE_SPEED_ENV,
                "60"));

        assertThat(s.adapter()).isEqualTo(Settings.Adapter.HTTP);
        assertThat(s.adapterChosen()).isTrue();
        assertThat(s.baseUri()).isEqualTo(URI.create("https://eu.example"));
        assertThat(s.home()).isEqualTo(Path.of("/tmp/lh"));
        assertThat(s.fakeSpeed()).isEqualTo(60.0);
    }

    @Test
    void refusesMalformedValues() {
        assertThatThrownBy(() -> resolve(Map.of(Settings.ADAPTER_ENV, "grpc")))
                .isInstanceOf(CliUsageException.class)
                .hasMessageContaining("fake or http");
        assertThatThrownBy(() -> resolve(Map.of(Settings.BASE_URL_ENV, "api.legnext.ai")))
                .isInstanceOf(CliUsageException.class)
                .hasMessageContaining("absolute http or https URL");
        assertThatThrownBy(() -> resolve(Map.of(Settings.FAKE_SPEED_ENV, "fast")))
                .isInstanceOf(CliUsageException.class);
        assertThatThrownBy(() -> resolve(Map.of(Settings.FAKE_SPEED_ENV, "0"))).isInstanceOf(CliUsageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "1e12", "1e6", "10001", "0.5", "0", "-3", "NaN", "Infinity"})
    void refusesAFakeSpeedOutsideItsBoundsNamingThemAndTheValue(String speed) {
        assertThatThrownBy(() -> resolve(Map.of(Settings.FAKE_SPEED_ENV, speed)))
                .isInstanceOf(CliUsageException.class)
                .hasMessageStartingWith("'--fake-speed' (or LEGNEXT_FAKE_SPEED) must be between 1 and 10000, was ");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 100, 10_000})
    void takesAFakeSpeedWithinItsBounds(double speed) {
        Settings.GlobalOptions options = new Settings.GlobalOptions();
        options.fakeSpeed = speed;

        assertThat(Settings.resolve(options, Map.of(), Path.of("/home/u")).fakeSpeed())
                .isEqualTo(speed);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://user:lk-secret@127.0.0.1:8089",
                "https://lk-secret@api.legnext.ai",
                "https://user:lk-secret@api.legnext.ai/base"
            })
    void refusesCredentialsInTheBaseUrlWithoutShowingThem(String url) {
        assertThatThrownBy(() -> resolve(Map.of(Settings.BASE_URL_ENV, url)))
                .isInstanceOf(CliUsageException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageContaining("[redacted]@")
                .hasMessageNotContaining("lk-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.legnext.ai?k=zz", "https://api.legnext.ai/?k=zz", "https://api.legnext.ai#x"})
    void refusesAQueryOrAFragmentInTheBaseUrl(String url) {
        assertThatThrownBy(() -> resolve(Map.of(Settings.BASE_URL_ENV, url)))
                .isInstanceOf(CliUsageException.class)
                .hasMessage("'--base-url' (or LEGNEXT_BASE_URL) must not carry a query (?...) or a fragment (#...),"
                        + " was '" + url + "'");
    }

    @Test
    void theFakesLimitsDefaultToTheServicesAndComeFromTheEnvironment() {
        assertThat(resolve(Map.of()).fakeLimits())
                .isEqualTo(new Settings.FakeLimits(6, false, java.time.Duration.ofDays(3)));
        assertThat(resolve(Map.of()).fakeStore())
                .isEqualTo(USER_HOME.resolve(".legnext").resolve("fake"));
        assertThat(resolve(Map.of(
                                Settings.FAKE_MAX_JOBS_ENV,
                                "2",
                                Settings.FAKE_WHEN_BUSY_ENV,
                                "Reject",
                                Settings.FAKE_JOB_TTL_ENV,
                                "12h"))
                        .fakeLimits())
                .isEqualTo(new Settings.FakeLimits(2, true, java.time.Duration.ofHours(12)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = ';',
            value = {
                "LEGNEXT_FAKE_MAX_JOBS;0;LEGNEXT_FAKE_MAX_JOBS must be a whole number between 1 and 10000, was '0'",
                "LEGNEXT_FAKE_MAX_JOBS;six;LEGNEXT_FAKE_MAX_JOBS must be a whole number between 1 and 10000, was 'six'",
                "LEGNEXT_FAKE_MAX_JOBS;10001;LEGNEXT_FAKE_MAX_JOBS must be a whole number between 1 and 10000, was '10001'",
                "LEGNEXT_FAKE_WHEN_BUSY;drop;LEGNEXT_FAKE_WHEN_BUSY must be queue or reject, was 'drop'",
                "LEGNEXT_FAKE_JOB_TTL;soon;LEGNEXT_FAKE_JOB_TTL must be a duration of at least 1s (e.g. 3d, 12h, 90m), was"
                        + " 'soon'",
                "LEGNEXT_FAKE_JOB_TTL;500ms;LEGNEXT_FAKE_JOB_TTL must be at least 1s, was '500ms'"
            })
    void refusesBadFakeLimitsNamingTheVariableTheBoundAndTheValue(String variable, String value, String message) {
        assertThatThrownBy(() -> resolve(Map.of(variable, value)))
                .isInstanceOf(CliUsageException.class)
                .hasMessage(message);
    }

    @Test
    void neverShowsTheKey() {
        Settings s = resolve(Map.of(Settings.API_KEY_ENV, "lk-very-secret"));

        assertThat(s.toString()).doesNotContain("lk-very-secret").contains("apiKey=set");
    }
}
