package io.legnext.core.batch;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.url.CallbackUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * What one batch item does: one of the submit requests, or a follow-up of an earlier item of the same batch
 * ({@link After}: extend or upscale video N of the job that item made).
 */
public sealed interface BatchStep permits BatchStep.Generate, BatchStep.Extend, BatchStep.Upscale, BatchStep.After {

    /** The kind of job this step submits. */
    TaskType.Kind kind();

    /** Four new videos: text, image URL, or an image of an existing image job. */
    record Generate(VideoDiffusion request) implements BatchStep {
        public Generate {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public TaskType.Kind kind() {
            return TaskType.Kind.VIDEO_DIFFUSION;
        }
    }

    /** Extends a video of an existing job. */
    record Extend(ExtendVideo request) implements BatchStep {
        public Extend {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public TaskType.Kind kind() {
            return TaskType.Kind.EXTEND_VIDEO;
        }
    }

    /** Upscales a video of an existing job. */
    record Upscale(UpscaleVideo request) implements BatchStep {
        public Upscale {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public TaskType.Kind kind() {
            return TaskType.Kind.VIDEO_UPSCALE;
        }
    }

    /** Which follow-up an {@link After} step makes. */
    enum FollowUp {
        EXTEND,
        UPSCALE
    }

    /**
     * A follow-up of the job another item of the batch makes, sent once that job completed.
     *
     * @param parent the key of the earlier item whose job this follows
     * @param action extend or upscale
     * @param videoIndex which of the parent's videos (0-3)
     * @param prompt how an extended video goes on (extend only)
     * @param callback where the service should POST the finished job, if anywhere
     */
    record After(
            String parent,
            FollowUp action,
            VariantIndex videoIndex,
            Optional<Prompt> prompt,
            Optional<CallbackUrl> callback)
            implements BatchStep {
        public After {
            Objects.requireNonNull(action, "action");
            if (videoIndex == null) {
                throw new InvalidRequestException(
                        "videoNo", "between " + VariantIndex.MIN + " and " + VariantIndex.MAX, null);
            }
            prompt = Objects.requireNonNullElse(prompt, Optional.empty());
            callback = Objects.requireNonNullElse(callback, Optional.empty());
            if (action == FollowUp.UPSCALE && prompt.isPresent()) {
                throw new InvalidRequestException(
                        "prompt", "absent for an upscale", prompt.get().text());
            }
        }

        /** Extend video {@code videoNo} of the job item {@code parent} makes. */
        public static After extend(String parent, int videoNo) {
            return new After(
                    parent, FollowUp.EXTEND, VariantIndex.videoNo(videoNo), Optional.empty(), Optional.empty());
        }

        /** Upscale video {@code videoNo} of the job item {@code parent} makes. */
        public static After upscale(String parent, int videoNo) {
            return new After(
                    parent, FollowUp.UPSCALE, VariantIndex.videoNo(videoNo), Optional.empty(), Optional.empty());
        }

        /** The same follow-up with a prompt (extend only). */
        public After withPrompt(Prompt value) {
            return new After(parent, action, videoIndex, Optional.of(value), callback);
        }

        /** The same follow-up with a callback URL. */
        public After withCallback(CallbackUrl value) {
            return new After(parent, action, videoIndex, prompt, Optional.of(value));
        }

        @Override
        public TaskType.Kind kind() {
            return switch (action) {
                case EXTEND -> TaskType.Kind.EXTEND_VIDEO;
                case UPSCALE -> TaskType.Kind.VIDEO_UPSCALE;
            };
        }
    }
}
