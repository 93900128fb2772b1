package io.legnext.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes read the way people write them, and written the way people read them. */
class ByteSizeTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "1048576, 1048576",
        "10B, 10",
        "500MB, 500000000",
        "500mb, 500000000",
        "2GiB, 2147483648",
        "2gib, 2147483648",
        "64 KiB, 65536",
        "1.5kB, 1500",
        "1.5KiB, 1536",
        "1TB, 1000000000000"
    })
    void readsBareBytesDecimalAndBinaryUnitsInAnyCase(String text, long bytes) {
        assertThat(ByteSize.parse("'--size'", text)).isEqualTo(bytes);
    }

    @Test
    void zeroIsRefusedNamingTheFieldTheBoundAndTheValue() {
        assertThatThrownBy(() -> ByteSize.parse("'--size'", "0MB"))
                .hasMessage("'--size' must be at least 1 byte, was '0MB'");
    }

    @Test
    void aFractionOfAByteIsNoSize() {
        assertThatThrownBy(() -> ByteSize.parse("'--size'", "0.5"))
                .hasMessage("'--size' must be at least 1 byte, was '0.5'");
    }

    @Test
    void somethingThatIsNotASizeIsRefusedWithExamples() {
        assertThatThrownBy(() -> ByteSize.parse("'--size'", "-1"))
                .hasMessage("'--size' must be a size such as 500MB, 2GiB or 1048576 (bytes), was '-1'");
    }

    @Test
    void moreThanALongHoldsIsRefusedNamingTheBound() {
        assertThatThrownBy(() -> ByteSize.parse("'--size'", "8388608TiB"))
                .hasMessage("'--size' must be at most 9223372036854775807 bytes (8 EiB), was '8388608TiB'");
    }

    @ParameterizedTest(name = "{0} bytes is {1}")
    @CsvSource({
        "1, 1 byte",
        "1000, 1000 bytes",
        "65536, 64 KiB",
        "2147483648, 2 GiB",
        "500000000, 500 MB",
        "1572865, 1.5 MiB (1572865 bytes)"
    })
    void writesExactUnitsWhenTheyDivideAndTheExactCountWhenRounded(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }
}
