package io.legnext.core.request;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.JobId;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.url.CallbackUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * Upscale video {@code videoNo} of a completed video job ({@code POST /api/v1/video-upscale}); cannot be undone,
 * so upscale the final selection.
 *
 * @param videoJob the video job (a video-diffusion or an extension)
 * @param videoIndex which of its videos (0-3)
 * @param callback where to POST the finished job, if anywhere
 */
public record UpscaleVideo(JobId videoJob, VariantIndex videoIndex, Optional<CallbackUrl> callback) {

    public UpscaleVideo {
        if (videoJob == null) {
            throw new InvalidRequestException("jobId", "the id of a completed video job", null);
        }
        if (videoIndex == null) {
            throw new InvalidRequestException(
                    "videoNo", "between " + VariantIndex.MIN + " and " + VariantIndex.MAX, null);
        }
        callback = Objects.requireNonNullElse(callback, Optional.empty());
    }

    /** A request without callback. */
    public static UpscaleVideo of(String videoJobId, int videoNo) {
        return new UpscaleVideo(JobId.parse(videoJobId), VariantIndex.videoNo(videoNo), Optional.empty());
    }

    /** The same request with a callback URL. */
    public UpscaleVideo withCallback(CallbackUrl value) {
        return new UpscaleVideo(videoJob, videoIndex, Optional.of(value));
    }
}
