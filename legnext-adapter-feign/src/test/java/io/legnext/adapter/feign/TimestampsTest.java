package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written timestamp reader must agree with {@link OffsetDateTime#parse} on every input, valid or not. */
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-10-21T10:51:46Z",
                "2025-10-21T10:51:46.1Z",
                "2025-10-21T10:51:46.123456789Z",
                "2025-10-21T10:51:46.000+02:00",
                "2025-10-21T10:51:46-07:30",
                "2024-02-29T23:59:59+18:00",
                "2024-02-29T00:00:00-18:00",
                "0001-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "2025-10-21T10:51:46-00:00"
            })
    void theFastPathReadsTheCommonShapesAsOffsetDateTimeDoes(String text) {
        assertThat(Timestamps.fastPath(text))
                .as(text)
                .isNotNull()
                .isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-10-21t10:51:46z",
                "2025-10-21T10:51Z",
                "2025-10-21T10:51:46+02:00:30",
                "2025-10-21T10:51:46+0200",
                "2025-10-21T10:51:46",
                "2025-10-21T10:51:46.Z"
            })
    void otherShapesAreLeftToOffsetDateTime(String text) {
        // Whichever way OffsetDateTime.parse answers (it reads "46.Z", an empty fraction; it refuses "+0200"),
        // so must we.
        assertThat(Timestamps.fastPath(text)).as(text).isNull();
        assertThat(agrees(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-29T10:51:46Z",
                "2025-04-31T10:51:46Z",
                "2025-13-01T10:51:46Z",
                "2025-00-10T10:51:46Z",
                "2025-10-21T24:00:00Z",
                "2025-10-21T10:60:46Z",
                "2025-10-21T10:51:60Z",
                "2025-10-21T10:51:46+18:01",
                "2025-10-21T10:51:46+19:00",
                "2025-10-21T10:51:46+02:60",
                "2025-10-21T10:51:46.1234567891Z",
                "2025-10-21T10:51:46Zjunk",
                "2025-1O-21T10:51:46Z",
                "+2025-10-21T10:51:46Z",
                "2025-10-21 10:51:46Z",
                "yesterday",
                ""
            })
    void invalidValuesAreRefusedAsOffsetDateTimeRefusesThem(String text) {
        assertThat(Timestamps.fastPath(text)).as(text).isNull();
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    /** Random valid timestamps, and the same with one character changed: both readers must give the same answer. */
    @Test
    void agreesWithOffsetDateTimeOnRandomAndMutatedInput() {
        Random random = new Random(20261125);
        String alphabet = "0123456789-:+.TZtz ";
        int fastPathHits = 0;
        for (int i = 0; i < 50_000; i++) {
            long epochSecond = random.nextLong(-62_135_596_800L, 253_402_300_799L);
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String text = OffsetDateTime.ofInstant(
                            Instant.ofEpochSecond(
                                    epochSecond, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000)),
                            java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
                    .toString();
            assertThat(agrees(text)).as(text).isTrue();
            if (Timestamps.fastPath(text) != null) {
                fastPathHits++;
            }
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String mutant = new String(mutated);
            assertThat(agrees(mutant)).as(mutant).isTrue();
        }
        // OffsetDateTime.toString drops ":00" seconds, a shape left to the slow path; the rest must take the fast one.
        assertThat(fastPathHits).isGreaterThan(45_000);
    }

    private static boolean agrees(String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            expected = null;
        }
        Instant actual;
        try {
            actual = Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            actual = null;
        }
        return expected == null ? actual == null : expected.equals(actual);
    }
}
