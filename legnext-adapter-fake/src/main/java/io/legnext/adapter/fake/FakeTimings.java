package io.legnext.adapter.fake;

import io.legnext.core.job.TaskType;
import io.legnext.core.request.VideoQuality;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long the in-memory service keeps a job in each state; each job draws its durations uniformly from these
 * ranges. Immutable; the {@code with...} methods give changed copies.
 *
 * <p>A job is {@code pending} for {@link #pending()}, then {@code staged} for {@link #staged()}, then
 * {@code processing} for the range of its kind and quality ({@link #run(TaskType.Kind, VideoQuality)}), then
 * completed (or failed). Its {@code started_at} is when it starts processing.
 *
 * <p>The running times are a table with one row per kind and quality, keyed by them. Its defaults come from one
 * exhaustive switch over the kind, without a default branch: a new kind does not compile until it is given a range
 * of its own.
 */
public final class FakeTimings {

    /** The longest a single range may reach; keeps a job's whole life within what the fake stores per job. */
    public static final Duration MAX_RANGE = Duration.ofDays(7);

    /**
     * Like the real service: pending 1-2 s, staged 1-4 s, video-diffusion 3-5 min at 480p and 5-8 min at 720p,
     * extend 3-5 min, upscale 4-6 min, image jobs 30-60 s.
     */
    public static final FakeTimings DEFAULT =
            new FakeTimings(Range.ofSeconds(1, 2), Range.ofSeconds(1, 4), table(FakeTimings::defaultRun));

    private final Range pending;
    private final Range staged;
    /** Every named kind, every quality. */
    private final Map<TaskType.Kind, Map<VideoQuality, Range>> runs;

    private FakeTimings(Range pending, Range staged, Map<TaskType.Kind, Map<VideoQuality, Range>> runs) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.staged = Objects.requireNonNull(staged, "staged");
        this.runs = runs;
    }

    private static Range defaultRun(TaskType.Kind kind, VideoQuality quality) {
        return switch (kind) {
            case VIDEO_DIFFUSION ->
                switch (quality) {
                    case P480 -> Range.ofMinutes(3, 5);
                    case P720 -> Range.ofMinutes(5, 8);
                };
            case EXTEND_VIDEO -> Range.ofMinutes(3, 5);
            case VIDEO_UPSCALE -> Range.ofMinutes(4, 6);
            case DIFFUSION, VARIATION, UPSCALE, REROLL, BLEND, PAN, OUTPAINT, INPAINT, REMIX -> Range.ofSeconds(30, 60);
            case UNKNOWN -> throw new IllegalArgumentException("the fake runs no job of an unknown kind");
        };
    }

    private interface RowSource {
        Range of(TaskType.Kind kind, VideoQuality quality);
    }

    private static Map<TaskType.Kind, Map<VideoQuality, Range>> table(RowSource source) {
        Map<TaskType.Kind, Map<VideoQuality, Range>> m = new EnumMap<>(TaskType.Kind.class);
        for (TaskType.Kind kind : TaskType.Kind.values()) {
            if (kind != TaskType.Kind.UNKNOWN) {
                Map<VideoQuality, Range> row = new EnumMap<>(VideoQuality.class);
                for (VideoQuality quality : VideoQuality.values()) {
                    row.put(quality, Objects.requireNonNull(source.of(kind, quality), "range"));
                }
                m.put(kind, row);
            }
        }
        return m;
    }

    /** Every state of every kind lasts exactly {@code each}: handy when a test wants round numbers. */
    public static FakeTimings fixed(Duration each) {
        Range r = new Range(each, each);
        return new FakeTimings(r, r, table((kind, quality) -> r));
    }

    /** How long a job waits before the service takes it. */
    public Range pending() {
        return pending;
    }

    /** How long it waits in the queue before it runs. */
    public Range staged() {
        return staged;
    }

    /**
     * How long a job of this kind and quality runs once processing.
     *
     * @throws IllegalArgumentException for {@link TaskType.Kind#UNKNOWN}: the fake runs no job it cannot name
     */
    public Range run(TaskType.Kind kind, VideoQuality quality) {
        return runs.get(requireNamed(kind)).get(Objects.requireNonNull(quality, "quality"));
    }

    /** The same timings with another pending range. */
    public FakeTimings withPending(Range value) {
        return new FakeTimings(value, staged, runs);
    }

    /** The same timings with another staged range. */
    public FakeTimings withStaged(Range value) {
        return new FakeTimings(pending, value, runs);
    }

    /** The same timings with {@code kind} running for {@code value} at every quality. */
    public FakeTimings withRun(TaskType.Kind kind, Range value) {
        requireNamed(kind);
        Objects.requireNonNull(value, "value");
        return new FakeTimings(
                pending, staged, table((k, q) -> k == kind ? value : runs.get(k).get(q)));
    }

    /** The same timings with {@code kind} running for {@code value} at {@code quality}. */
    public FakeTimings withRun(TaskType.Kind kind, VideoQuality quality, Range value) {
        requireNamed(kind);
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(value, "value");
        return new FakeTimings(
                pending,
                staged,
                table((k, q) -> k == kind && q == quality ? value : runs.get(k).get(q)));
    }

    /** The same timings with other video-diffusion ranges, one per quality. */
    public FakeTimings withVideoDiffusion(Range at480p, Range at720p) {
        return withRun(TaskType.Kind.VIDEO_DIFFUSION, VideoQuality.P480, at480p)
                .withRun(TaskType.Kind.VIDEO_DIFFUSION, VideoQuality.P720, at720p);
    }

    /** The same timings with another extend-video range. */
    public FakeTimings withExtendVideo(Range value) {
        return withRun(TaskType.Kind.EXTEND_VIDEO, value);
    }

    /** The same timings with another video-upscale range. */
    public FakeTimings withVideoUpscale(Range value) {
        return withRun(TaskType.Kind.VIDEO_UPSCALE, value);
    }

    private static TaskType.Kind requireNamed(TaskType.Kind kind) {
        if (Objects.requireNonNull(kind, "kind") == TaskType.Kind.UNKNOWN) {
            throw new IllegalArgumentException("the fake runs no job of an unknown kind");
        }
        return kind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeTimings other
                && pending.equals(other.pending)
                && staged.equals(other.staged)
                && runs.equals(other.runs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pending, staged, runs);
    }

    @Override
    public String toString() {
        return "FakeTimings[pending=" + pending + ", staged=" + staged + ", runs=" + runs + "]";
    }

    /**
     * A closed range of durations, in milliseconds precision, from which a job draws uniformly.
     *
     * @param min the shortest, at least zero
     * @param max the longest, at least {@code min} and at most {@link #MAX_RANGE}
     */
    public record Range(Duration min, Duration max) {

        public Range {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative()) {
                throw new IllegalArgumentException("'min' must not be negative, was " + min);
            }
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("'max' must be at least 'min' (" + min + "), was " + max);
            }
            if (max.compareTo(MAX_RANGE) > 0) {
                throw new IllegalArgumentException("'max' must be at most " + MAX_RANGE + ", was " + max);
            }
        }

        /** From {@code min} to {@code max} seconds. */
        public static Range ofSeconds(long min, long max) {
            return new Range(Duration.ofSeconds(min), Duration.ofSeconds(max));
        }

        /** From {@code min} to {@code max} minutes. */
        public static Range ofMinutes(long min, long max) {
            return new Range(Duration.ofMinutes(min), Duration.ofMinutes(max));
        }

        /** Exactly {@code value}. */
        public static Range exactly(Duration value) {
            return new Range(value, value);
        }

        /** Draws a duration in milliseconds; whole seconds when both bounds are whole seconds, like real payloads. */
        int drawMillis(RandomGenerator random) {
            long lo = min.toMillis();
            long hi = max.toMillis();
            if (lo == hi) {
                return (int) lo;
            }
            if (lo % 1000 == 0 && hi % 1000 == 0) {
                return (int) (random.nextLong(lo / 1000, hi / 1000 + 1) * 1000);
            }
            return (int) random.nextLong(lo, hi + 1);
        }
    }
}
