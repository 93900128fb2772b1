package io.legnext.app.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations the way people write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}, a bare number
 * of seconds, or ISO-8601 such as {@code PT10M}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        if (text.matches("\\d+(\\.\\d+)?")) {
            return millis(Double.parseDouble(text) * 1000, value);
        }
        Matcher m = PART.matcher(text);
        int at = 0;
        double totalMillis = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            totalMillis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw invalid(value);
        }
        return millis(totalMillis, value);
    }

    private static Duration millis(double millis, String value) {
        if (millis > Long.MAX_VALUE / 2.0) {
            throw invalid(value);
        }
        return Duration.ofMillis(Math.round(millis));
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration; write e.g. 90s, 10m," + " 1h30m, 500ms or PT10M");
    }
}
