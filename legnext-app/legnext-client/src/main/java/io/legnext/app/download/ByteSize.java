package io.legnext.app.download;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write and read them: {@code 500MB} (decimal units), {@code 2GiB} (binary units), or a bare
 * number of bytes such as {@code 1048576}.
 */
public final class ByteSize {

    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?)?b?", Pattern.CASE_INSENSITIVE);
    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final String[] DECIMAL = {"kB", "MB", "GB", "TB", "PB", "EB"};

    private ByteSize() {}

    /**
     * Reads a size: a number (fractions allowed) and an optional unit, B, kB, MB, GB, TB (powers of 1000) or KiB,
     * MiB, GiB, TiB (powers of 1024), in any case; a fraction of a byte is dropped.
     *
     * @param field how to name the value in a message, e.g. {@code '--max-download-size'}
     * @throws IllegalArgumentException naming the field, the bound and the value when it is not a size of at least
     *     one byte
     */
    public static long parse(String field, String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    field + " must be a size such as 500MB, 2GiB or 1048576 (bytes), was '" + text + "'");
        }
        BigDecimal bytes = new BigDecimal(m.group(1))
                .multiply(unit(m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT)))
                .setScale(0, RoundingMode.FLOOR);
        if (bytes.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be at least 1 byte, was '" + text + "'");
        }
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(
                    field + " must be at most " + Long.MAX_VALUE + " bytes (8 EiB), was '" + text + "'");
        }
        return bytes.longValueExact();
    }

    private static BigDecimal unit(String prefix) {
        if (prefix.isEmpty()) {
            return BigDecimal.ONE;
        }
        int power = "kmgt".indexOf(prefix.charAt(0)) + 1;
        return prefix.endsWith("i")
                ? BigDecimal.valueOf(1024).pow(power)
                : BigDecimal.valueOf(1000).pow(power);
    }

    /**
     * A size for a message: exact in the largest unit that divides it ({@code 2 GiB}, {@code 500 MB}), else rounded
     * with the exact count after it ({@code 1.5 MiB (1572865 bytes)}).
     */
    public static String format(long bytes) {
        if (Math.abs(bytes) < 1024) {
            return bytes + (Math.abs(bytes) == 1 ? " byte" : " bytes");
        }
        String exact = exact(bytes, 1024, BINARY);
        if (exact == null) {
            exact = exact(bytes, 1000, DECIMAL);
        }
        if (exact != null) {
            return exact;
        }
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%d bytes)", value, BINARY[unit], bytes);
    }

    private static String exact(long bytes, long base, String[] units) {
        long value = bytes;
        int unit = -1;
        while (value % base == 0 && value != 0 && unit < units.length - 1) {
            value /= base;
            unit++;
        }
        return unit < 0 ? null : value + " " + units[unit];
    }
}
