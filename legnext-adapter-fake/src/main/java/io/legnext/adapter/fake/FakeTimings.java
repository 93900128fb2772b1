package io.legnext.adapter.fake;

import io.legnext.core.job.TaskType;
import io.legnext.core.request.VideoQuality;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long the in-memory service keeps a job in each state, per operation; each job draws its durations uniformly
 * from these ranges.
 *
 * <p>A job is {@code pending} for {@link #pending()}, then {@code staged} for {@link #staged()}, then
 * {@code processing} for its operation's range, then completed (or failed). Its {@code started_at} is when it
 * starts processing.
 *
 * @param pending how long a job waits before the service takes it
 * @param staged how long it waits in the queue before it runs
 * @param videoDiffusion480p how long a 480p video-diffusion job runs
 * @param videoDiffusion720p how long a 720p video-diffusion job runs (slower)
 * @param extendVideo how long an extend-video job runs
 * @param videoUpscale how long a video-upscale job runs
 * @param image how long a seeded image job runs, when seeded running
 */
public record FakeTimings(Range pending, Range staged, Range videoDiffusion480p, Range videoDiffusion720p,
        Range extendVideo, Range videoUpscale, Range image) {

    /** The longest a single range may reach; keeps a job's whole life within what the fake stores per job. */
    public static final Duration MAX_RANGE = Duration.ofDays(7);

    /**
     * Like the real service: pending 1-2 s, staged 1-4 s, video-diffusion 3-5 min at 480p and 5-8 min at 720p,
     * extend 3-5 min, upscale 4-6 min, image jobs 30-60 s.
     */
    public static final FakeTimings DEFAULT = new FakeTimings(
            Range.ofSeconds(1, 2), Range.ofSeconds(1, 4),
            Range.ofMinutes(3, 5), Range.ofMinutes(5, 8),
            Range.ofMinutes(3, 5), Range.ofMinutes(4, 6),
            Range.ofSeconds(30, 60));

    public FakeTimings {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(staged, "staged");
        Objects.requireNonNull(videoDiffusion480p, "videoDiffusion480p");
        Objects.requireNonNull(videoDiffusion720p, "videoDiffusion720p");
        Objects.requireNonNull(extendVideo, "extendVideo");
        Objects.requireNonNull(videoUpscale, "videoUpscale");
        Objects.requireNonNull(image, "image");
    }

    /** Every state of every operation lasts exactly {@code each}: handy when a test wants round numbers. */
    public static FakeTimings fixed(Duration each) {
        Range r = new Range(each, each);
        return new FakeTimings(r, r, r, r, r, r, r);
    }

    /** How long a video-diffusion job of this quality runs. */
    public Range videoDiffusion(VideoQuality quality) {
        // Exhaustive, no default: a new quality must be given its own range here.
        return switch (quality) {
            case P480 -> videoDiffusion480p;
            case P720 -> videoDiffusion720p;
        };
    }

    /**
     * How long a job of this kind runs once processing ({@code quality} only matters for video diffusion).
     * Exhaustive, without a default, so that a new kind is given its own range here rather than another's.
     *
     * @throws IllegalArgumentException for {@link TaskType.Kind#UNKNOWN}: the fake runs no job it cannot name
     */
    Range run(TaskType.Kind kind, VideoQuality quality) {
        return switch (kind) {
            case VIDEO_DIFFUSION -> videoDiffusion(quality);
            case EXTEND_VIDEO -> extendVideo;
            case VIDEO_UPSCALE -> videoUpscale;
            case DIFFUSION, VARIATION, UPSCALE, REROLL, BLEND, PAN, OUTPAINT, INPAINT, REMIX -> image;
            case UNKNOWN -> throw new IllegalArgumentException("the fake runs no job of an unknown kind");
        };
    }

    /** The same timings with another pending range. */
    public FakeTimings withPending(Range value) {
        return new FakeTimings(value, staged, videoDiffusion480p, videoDiffusion720p, extendVideo, videoUpscale,
                image);
    }

    /** The same timings with another staged range. */
    public FakeTimings withStaged(Range value) {
        return new FakeTimings(pending, value, videoDiffusion480p, videoDiffusion720p, extendVideo, videoUpscale,
                image);
    }

    /** The same timings with other video-diffusion ranges. */
    public FakeTimings withVideoDiffusion(Range at480p, Range at720p) {
        return new FakeTimings(pending, staged, at480p, at720p, extendVideo, videoUpscale, image);
    }

    /** The same timings with another extend-video range. */
    public FakeTimings withExtendVideo(Range value) {
        return new FakeTimings(pending, staged, videoDiffusion480p, videoDiffusion720p, value, videoUpscale, image);
    }

    /** The same timings with another video-upscale range. */
    public FakeTimings withVideoUpscale(Range value) {
        return new FakeTimings(pending, staged, videoDiffusion480p, videoDiffusion720p, extendVideo, value, image);
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
