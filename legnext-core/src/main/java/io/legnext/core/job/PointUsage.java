package io.legnext.core.job;

import java.util.Objects;

/**
 * What a job costs: points (or credits) frozen at submit and consumed on completion.
 *
 * @param unit {@code point} or {@code credit} as the service says, or "" when not given
 * @param frozen reserved at submit
 * @param consumed actually charged; equals {@code frozen} once a job completed
 */
public record PointUsage(String unit, long frozen, long consumed) {

    /** Nothing reserved or charged. */
    public static final PointUsage NONE = new PointUsage("", 0, 0);

    public PointUsage {
        Objects.requireNonNull(unit, "unit");
        if (frozen < 0) {
            throw new IllegalArgumentException("'frozen' must be at least 0, was " + frozen);
        }
        if (consumed < 0) {
            throw new IllegalArgumentException("'consumed' must be at least 0, was " + consumed);
        }
    }
}
