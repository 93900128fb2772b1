package io.legnext.mock;

import io.legnext.core.job.JobId;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.request.VideoQuality;
import io.legnext.core.url.CallbackUrl;
import java.util.Optional;
import java.util.Set;

/**
 * The three submit bodies (camelCase JSON, as in api-spec) read into the core's request objects, whose factories
 * hold every rule: a body that breaks one is refused with the core's own words, naming the field, the bound and the
 * value ({@link io.legnext.core.error.InvalidRequestException}).
 */
final class WireRequests {

    static final Set<String> DIFFUSION_FIELDS = Set.of("prompt", "videoType", "callback", "jobId", "imageNo");
    static final Set<String> EXTEND_FIELDS = Set.of("jobId", "videoNo", "prompt", "callback");
    static final Set<String> UPSCALE_FIELDS = Set.of("jobId", "videoNo", "callback");

    private WireRequests() {}

    /**
     * {@code POST /api/v1/video-diffusion}: with {@code jobId} or {@code imageNo} it animates an image of an image
     * job (both then needed, the prompt optional); otherwise the prompt is needed, and may start with an image URL.
     */
    static VideoDiffusion diffusion(byte[] body) {
        JsonBody json = JsonBody.parse(body, false, DIFFUSION_FIELDS);
        Optional<Prompt> prompt = prompt(json);
        Integer videoType = json.integer("videoType", Integer.MIN_VALUE, Integer.MAX_VALUE);
        VideoQuality quality = videoType == null ? VideoQuality.DEFAULT : VideoQuality.fromVideoType(videoType);
        Optional<CallbackUrl> callback = callback(json);
        String jobId = json.text("jobId");
        Integer imageNo = json.integer("imageNo", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (jobId != null || imageNo != null) {
            return new AnimateImage(
                    jobId == null ? null : JobId.parse("jobId", jobId),
                    imageNo == null ? null : VariantIndex.imageNo(imageNo),
                    prompt,
                    quality,
                    callback);
        }
        return new TextToVideo(prompt.orElse(null), quality, callback);
    }

    /** {@code POST /api/v1/extend-video}. */
    static ExtendVideo extend(byte[] body) {
        JsonBody json = JsonBody.parse(body, false, EXTEND_FIELDS);
        return new ExtendVideo(job(json), videoNo(json), prompt(json), callback(json));
    }

    /** {@code POST /api/v1/video-upscale}. */
    static UpscaleVideo upscale(byte[] body) {
        JsonBody json = JsonBody.parse(body, false, UPSCALE_FIELDS);
        return new UpscaleVideo(job(json), videoNo(json), callback(json));
    }

    private static JobId job(JsonBody json) {
        String jobId = json.text("jobId");
        return jobId == null ? null : JobId.parse("jobId", jobId);
    }

    private static VariantIndex videoNo(JsonBody json) {
        Integer videoNo = json.integer("videoNo", Integer.MIN_VALUE, Integer.MAX_VALUE);
        return videoNo == null ? null : VariantIndex.videoNo(videoNo);
    }

    private static Optional<Prompt> prompt(JsonBody json) {
        return Optional.ofNullable(json.text("prompt")).map(Prompt::of);
    }

    private static Optional<CallbackUrl> callback(JsonBody json) {
        return Optional.ofNullable(json.text("callback")).map(CallbackUrl::parse);
    }
}
