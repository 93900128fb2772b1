package io.legnext.adapter.fake;

import io.legnext.core.job.TaskType;

/**
 * What the in-memory service reserves per job, in points (or credits when the points do not suffice).
 *
 * @param videoDiffusion a video-diffusion job
 * @param extendVideo an extend-video job
 * @param videoUpscale a video-upscale job
 * @param image a seeded image job (shown in its usage; seeding charges nothing)
 */
public record FakeCosts(int videoDiffusion, int extendVideo, int videoUpscale, int image) {

    /** 480 points for every video job, as recorded from the real service; 80 for an image job. */
    public static final FakeCosts DEFAULT = new FakeCosts(480, 480, 480, 80);

    public FakeCosts {
        check("videoDiffusion", videoDiffusion);
        check("extendVideo", extendVideo);
        check("videoUpscale", videoUpscale);
        check("image", image);
    }

    private static void check(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("'" + name + "' must be at least 0, was " + value);
        }
    }

    /**
     * The cost of a job of this kind; a kind legnext does not know is priced as an image job. Exhaustive, without a
     * default, so that a new kind is given its own price here rather than the image price.
     */
    public int of(TaskType.Kind kind) {
        return switch (kind) {
            case VIDEO_DIFFUSION -> videoDiffusion;
            case EXTEND_VIDEO -> extendVideo;
            case VIDEO_UPSCALE -> videoUpscale;
            case DIFFUSION, VARIATION, UPSCALE, REROLL, BLEND, PAN, OUTPAINT, INPAINT, REMIX -> image;
            case UNKNOWN -> image;
        };
    }
}
