package io.legnext.adapter.fake;

import io.legnext.core.job.TaskType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the in-memory service reserves per job, in points (or credits when the points do not suffice): one row per
 * kind of task, keyed by the kind. Immutable; {@link #with(TaskType.Kind, int)} gives a copy with one row changed.
 *
 * <p>The defaults come from one exhaustive switch over the kind, without a default branch: a new kind does not
 * compile until it is given a price of its own.
 */
public final class FakeCosts {

    /** 480 points for every video job, as recorded from the real service; 80 for an image job. */
    public static final FakeCosts DEFAULT = defaults();

    private final Map<TaskType.Kind, Integer> points;

    private FakeCosts(Map<TaskType.Kind, Integer> points) {
        this.points = points;
    }

    private static FakeCosts defaults() {
        Map<TaskType.Kind, Integer> m = new EnumMap<>(TaskType.Kind.class);
        for (TaskType.Kind kind : TaskType.Kind.values()) {
            if (kind != TaskType.Kind.UNKNOWN) {
                m.put(kind, defaultCost(kind));
            }
        }
        return new FakeCosts(m);
    }

    private static int defaultCost(TaskType.Kind kind) {
        return switch (kind) {
            case VIDEO_DIFFUSION, EXTEND_VIDEO, VIDEO_UPSCALE -> 480;
            case DIFFUSION, VARIATION, UPSCALE, REROLL, BLEND, PAN, OUTPAINT, INPAINT, REMIX -> 80;
            case UNKNOWN -> throw new IllegalArgumentException("the fake prices no job of an unknown kind");
        };
    }

    /**
     * The same costs with {@code kind} priced at {@code points}.
     *
     * @throws IllegalArgumentException when {@code points} is negative or the kind is {@link TaskType.Kind#UNKNOWN}
     */
    public FakeCosts with(TaskType.Kind kind, int points) {
        requireNamed(kind);
        if (points < 0) {
            throw new IllegalArgumentException("the cost of " + kind + " must be at least 0, was " + points);
        }
        Map<TaskType.Kind, Integer> m = new EnumMap<>(this.points);
        m.put(kind, points);
        return new FakeCosts(m);
    }

    /**
     * The cost of a job of this kind.
     *
     * @throws IllegalArgumentException for {@link TaskType.Kind#UNKNOWN}: the fake runs no job it cannot name
     */
    public int of(TaskType.Kind kind) {
        requireNamed(kind);
        return points.get(kind);
    }

    private static void requireNamed(TaskType.Kind kind) {
        if (Objects.requireNonNull(kind, "kind") == TaskType.Kind.UNKNOWN) {
            throw new IllegalArgumentException("the fake prices no job of an unknown kind");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeCosts other && points.equals(other.points);
    }

    @Override
    public int hashCode() {
        return points.hashCode();
    }

    @Override
    public String toString() {
        return "FakeCosts" + points;
    }
}
