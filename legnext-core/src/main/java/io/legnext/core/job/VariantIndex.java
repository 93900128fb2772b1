package io.legnext.core.job;

import io.legnext.core.error.InvalidRequestException;

/**
 * Chooses one of the four results of a job (image or video), numbered 0 to 3.
 *
 * @param value the index, 0 to 3
 */
public record VariantIndex(int value) {

    /** The lowest index. */
    public static final int MIN = 0;
    /** The highest index: a job yields four results. */
    public static final int MAX = 3;

    public VariantIndex {
        check("index", value);
    }

    /** The index of an image of an image job, reported as {@code imageNo} when out of range. */
    public static VariantIndex imageNo(int value) {
        return of("imageNo", value);
    }

    /** The index of a video of a video job, reported as {@code videoNo} when out of range. */
    public static VariantIndex videoNo(int value) {
        return of("videoNo", value);
    }

    /** An index, reported under the given field name when out of range. */
    public static VariantIndex of(String field, int value) {
        check(field, value);
        return new VariantIndex(value);
    }

    private static void check(String field, int value) {
        if (value < MIN || value > MAX) {
            throw new InvalidRequestException(field, "between " + MIN + " and " + MAX, value);
        }
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
