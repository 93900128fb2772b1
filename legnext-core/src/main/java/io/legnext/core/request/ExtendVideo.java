package io.legnext.core.request;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.JobId;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.url.CallbackUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * Extend video {@code videoNo} of a completed video job by 4 seconds ({@code POST /api/v1/extend-video}); yields
 * four extended videos.
 *
 * @param videoJob the video job (a video-diffusion or an earlier extension)
 * @param videoIndex which of its videos (0-3)
 * @param prompt how the video should go on, if said
 * @param callback where to POST the finished job, if anywhere
 */
public record ExtendVideo(
        JobId videoJob, VariantIndex videoIndex, Optional<Prompt> prompt, Optional<CallbackUrl> callback) {

    public ExtendVideo {
        if (videoJob == null) {
            throw new InvalidRequestException("jobId", "the id of a completed video job", null);
        }
        if (videoIndex == null) {
            throw new InvalidRequestException(
                    "videoNo", "between " + VariantIndex.MIN + " and " + VariantIndex.MAX, null);
        }
        prompt = Objects.requireNonNullElse(prompt, Optional.empty());
        callback = Objects.requireNonNullElse(callback, Optional.empty());
    }

    /** A request without prompt or callback. */
    public static ExtendVideo of(String videoJobId, int videoNo) {
        return new ExtendVideo(
                JobId.parse(videoJobId), VariantIndex.videoNo(videoNo), Optional.empty(), Optional.empty());
    }

    /** The same request with a prompt. */
    public ExtendVideo withPrompt(Prompt value) {
        return new ExtendVideo(videoJob, videoIndex, Optional.of(value), callback);
    }

    /** The same request with a callback URL. */
    public ExtendVideo withCallback(CallbackUrl value) {
        return new ExtendVideo(videoJob, videoIndex, prompt, Optional.of(value));
    }
}
