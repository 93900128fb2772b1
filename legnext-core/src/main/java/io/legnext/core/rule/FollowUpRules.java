package io.legnext.core.rule;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.VariantIndex;
import java.util.Set;

/**
 * Which job may follow which: extend and upscale only a completed video job, animate only a completed image job,
 * and only with an index the source job offers.
 */
public final class FollowUpRules {

    private FollowUpRules() {}

    /**
     * Extend needs a completed video-diffusion or extension job that offers {@code index} under {@code extend}
     * when it lists its actions.
     */
    public static void requireExtendable(Job source, VariantIndex index) {
        requireCompletedVideoWithVariants(source, "extend");
        requireOffered(
                source,
                AvailableActions.EXTEND,
                index,
                "videoNo",
                " (a video whose lineage was extended " + ExtensionPolicy.MAX_EXTENSIONS + " times offers none)");
    }

    /** Upscale needs a completed video-diffusion or extension job that offers {@code index} under {@code upscale}. */
    public static void requireUpscalable(Job source, VariantIndex index) {
        requireCompletedVideoWithVariants(source, "upscale");
        requireOffered(source, AvailableActions.UPSCALE, index, "videoNo", "");
    }

    /** Animate needs a completed image job that has an image at {@code index} when it lists its images. */
    public static void requireAnimatable(Job source, VariantIndex index) {
        if (!source.taskType().isImage()) {
            throw new InvalidRequestException(
                    "jobId", "the id of an image job to animate", source.id() + ", a " + source.taskType() + " job");
        }
        requireCompleted(source, "animate");
        int images = source.imageUrls().size();
        if (images > 0 && index.value() >= images) {
            throw new InvalidRequestException(
                    "imageNo", "below " + images + ", the number of images job " + source.id() + " has", index.value());
        }
    }

    private static void requireCompletedVideoWithVariants(Job source, String action) {
        if (!source.taskType().yieldsVideoVariants()) {
            throw new InvalidRequestException(
                    "jobId",
                    "the id of a video-diffusion or extend-video job to " + action,
                    source.id() + ", a " + source.taskType() + " job");
        }
        requireCompleted(source, action);
    }

    private static void requireCompleted(Job source, String action) {
        if (!source.isCompleted()) {
            throw new InvalidRequestException(
                    "jobId", "the id of a completed job to " + action, source.id() + ", which is " + source.status());
        }
    }

    private static void requireOffered(Job source, String action, VariantIndex index, String field, String hint) {
        if (source.availableActions().isEmpty()) {
            // The service did not list its actions: nothing to check against, it decides.
            return;
        }
        Set<Integer> offered = source.availableActions().indicesFor(action).orElse(Set.of());
        if (!offered.contains(index.value())) {
            throw new InvalidRequestException(
                    field,
                    "one of the indices job " + source.id() + " offers for " + action + ", " + offered + hint,
                    index.value());
        }
    }
}
