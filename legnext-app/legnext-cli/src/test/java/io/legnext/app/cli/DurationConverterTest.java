package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({
        "90s, PT1M30S",
        "10m, PT10M",
        "PT10M, PT10M",
        "pt90s, PT1M30S",
        "1h30m, PT1H30M",
        "500ms, PT0.5S",
        "45, PT45S",
        "1.5m, PT1M30S",
        "2d, PT48H",
        " 15s , PT15S"
    })
    void readsDurationsAsPeopleWriteThem(String text, String expected) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10 m", "m10", "10x", "P", "-5s", "10m soon"})
    void refusesAnythingElseNamingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("90s, 10m");
    }
}
