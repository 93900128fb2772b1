package io.legnext.core.batch;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.TaskType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What each kind of batch job costs, in points, for estimates before spending. The defaults are what the service
 * reserved for every video job it was seen to accept: {@value #VIDEO_JOB_POINTS} points for a video diffusion, an
 * extension and an upscale alike. Prices change: {@link #with(TaskType.Kind, long)} sets one.
 */
public final class BatchCosts {

    /** What the service reserves for a video job: 480 points, as recorded from the real service. */
    public static final long VIDEO_JOB_POINTS = 480;

    private static final BatchCosts DEFAULTS = new BatchCosts(Map.of(
            TaskType.Kind.VIDEO_DIFFUSION, VIDEO_JOB_POINTS,
            TaskType.Kind.EXTEND_VIDEO, VIDEO_JOB_POINTS,
            TaskType.Kind.VIDEO_UPSCALE, VIDEO_JOB_POINTS));

    private final Map<TaskType.Kind, Long> points;

    private BatchCosts(Map<TaskType.Kind, Long> points) {
        this.points = new EnumMap<>(points);
    }

    /** 480 points for each of the three kinds a batch submits. */
    public static BatchCosts defaults() {
        return DEFAULTS;
    }

    /** The same table with {@code kind} costing {@code value} points (0 or more). */
    public BatchCosts with(TaskType.Kind kind, long value) {
        Objects.requireNonNull(kind, "kind");
        if (!points.containsKey(kind)) {
            throw new InvalidRequestException("costs", "priced for one of " + points.keySet(), kind);
        }
        if (value < 0) {
            throw new InvalidRequestException(
                    "costs." + kind.name().toLowerCase(Locale.ROOT), "0 or more points", value);
        }
        Map<TaskType.Kind, Long> copy = new EnumMap<>(points);
        copy.put(kind, value);
        return new BatchCosts(copy);
    }

    /** What a job of this kind costs, in points. */
    public long of(TaskType.Kind kind) {
        Long value = points.get(kind);
        if (value == null) {
            throw new InvalidRequestException("kind", "one of " + points.keySet(), kind);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchCosts other && other.points.equals(points);
    }

    @Override
    public int hashCode() {
        return points.hashCode();
    }

    @Override
    public String toString() {
        return "BatchCosts" + points;
    }
}
