package io.legnext.core.request;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.url.CallbackUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * Four videos from a text prompt alone.
 *
 * <p>One vendor document allows this mode and the API reference does not: the service may answer it with
 * invalid parameters, in which case give an image URL ({@link ImageToVideo}).
 *
 * @param prompt what the videos show
 * @param quality the resolution
 * @param callback where to POST the finished job, if anywhere
 */
public record TextToVideo(Prompt prompt, VideoQuality quality, Optional<CallbackUrl> callback)
        implements VideoDiffusion {

    public TextToVideo {
        if (prompt == null) {
            throw new InvalidRequestException("prompt", "present for a text-to-video request", null);
        }
        quality = Objects.requireNonNullElse(quality, VideoQuality.DEFAULT);
        callback = Objects.requireNonNullElse(callback, Optional.empty());
    }

    /** A 480p request without callback. */
    public static TextToVideo of(String prompt) {
        return new TextToVideo(Prompt.of(prompt), VideoQuality.DEFAULT, Optional.empty());
    }

    /** The same request at another resolution. */
    public TextToVideo withQuality(VideoQuality value) {
        return new TextToVideo(prompt, value, callback);
    }

    /** The same request with a callback URL. */
    public TextToVideo withCallback(CallbackUrl value) {
        return new TextToVideo(prompt, quality, Optional.of(value));
    }

    @Override
    public Optional<Prompt> wirePrompt() {
        return Optional.of(prompt);
    }

    /** "image URL to video" if the prompt starts with an image URL (the service animates it), else "text to video". */
    @Override
    public String describeMode() {
        return prompt.leadingImageUrl().isPresent() ? ImageToVideo.MODE : "text to video";
    }
}
