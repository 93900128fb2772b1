package io.legnext.core.request;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.JobId;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.url.CallbackUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * Four videos that animate image {@code imageNo} of an earlier, completed image job.
 *
 * @param imageJob the image job
 * @param imageIndex which of its images (0-3)
 * @param prompt what should happen, if anything
 * @param quality the resolution
 * @param callback where to POST the finished job, if anywhere
 */
public record AnimateImage(
        JobId imageJob,
        VariantIndex imageIndex,
        Optional<Prompt> prompt,
        VideoQuality quality,
        Optional<CallbackUrl> callback)
        implements VideoDiffusion {

    public AnimateImage {
        if (imageJob == null) {
            throw new InvalidRequestException("jobId", "the id of a completed image job", null);
        }
        if (imageIndex == null) {
            throw new InvalidRequestException(
                    "imageNo", "between " + VariantIndex.MIN + " and " + VariantIndex.MAX, null);
        }
        prompt = Objects.requireNonNullElse(prompt, Optional.empty());
        quality = Objects.requireNonNullElse(quality, VideoQuality.DEFAULT);
        callback = Objects.requireNonNullElse(callback, Optional.empty());
    }

    /** A 480p request without prompt or callback. */
    public static AnimateImage of(String imageJobId, int imageNo) {
        return new AnimateImage(
                JobId.parse(imageJobId),
                VariantIndex.imageNo(imageNo),
                Optional.empty(),
                VideoQuality.DEFAULT,
                Optional.empty());
    }

    /** The same request with a prompt. */
    public AnimateImage withPrompt(Prompt value) {
        return new AnimateImage(imageJob, imageIndex, Optional.of(value), quality, callback);
    }

    /** The same request at another resolution. */
    public AnimateImage withQuality(VideoQuality value) {
        return new AnimateImage(imageJob, imageIndex, prompt, value, callback);
    }

    /** The same request with a callback URL. */
    public AnimateImage withCallback(CallbackUrl value) {
        return new AnimateImage(imageJob, imageIndex, prompt, quality, Optional.of(value));
    }

    @Override
    public Optional<Prompt> wirePrompt() {
        return prompt;
    }

    @Override
    public String describeMode() {
        return "animate image " + imageIndex + " of job " + imageJob;
    }
}
