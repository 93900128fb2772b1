package io.legnext.core.request;

import io.legnext.core.url.CallbackUrl;
import java.util.Optional;

/**
 * A request for four new videos ({@code POST /api/v1/video-diffusion}), in one of its three modes.
 */
public sealed interface VideoDiffusion permits TextToVideo, ImageToVideo, AnimateImage {

    /** The resolution asked for. */
    VideoQuality quality();

    /** Where the service should POST the finished job, if anywhere. */
    Optional<CallbackUrl> callback();

    /** The prompt exactly as it goes over the wire, if the request has one. */
    Optional<Prompt> wirePrompt();

    /**
     * How the service will read this request, in words for messages: "text to video", "image URL to video" (also
     * for a text prompt that starts with an image URL, which the service reads the same way), or "animate image 2
     * of job 8201cd3e-...".
     */
    String describeMode();
}
