package io.legnext.core.request;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.url.CallbackUrl;
import io.legnext.core.url.ImageUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * Four videos that animate a public image; the service reads the image URL from the start of the prompt.
 *
 * @param image the image to animate
 * @param prompt what should happen in it, if anything
 * @param quality the resolution
 * @param callback where to POST the finished job, if anywhere
 */
public record ImageToVideo(
        ImageUrl image, Optional<Prompt> prompt, VideoQuality quality, Optional<CallbackUrl> callback)
        implements VideoDiffusion {

    /** How messages name this mode. */
    static final String MODE = "image URL to video";

    public ImageToVideo {
        if (image == null) {
            throw new InvalidRequestException("imageUrl", "present for an image-to-video request", null);
        }
        prompt = Objects.requireNonNullElse(prompt, Optional.empty());
        quality = Objects.requireNonNullElse(quality, VideoQuality.DEFAULT);
        callback = Objects.requireNonNullElse(callback, Optional.empty());
        // The combined prompt is what the service bounds: check it now, not at send time.
        combine(image, prompt);
    }

    /** A 480p request without callback; a null or blank prompt means none. */
    public static ImageToVideo of(String imageUrl, String prompt) {
        return new ImageToVideo(
                ImageUrl.parse(imageUrl),
                Optional.ofNullable(prompt).filter(p -> !p.isBlank()).map(Prompt::of),
                VideoQuality.DEFAULT,
                Optional.empty());
    }

    /** The same request at another resolution. */
    public ImageToVideo withQuality(VideoQuality value) {
        return new ImageToVideo(image, prompt, value, callback);
    }

    /** The same request with a callback URL. */
    public ImageToVideo withCallback(CallbackUrl value) {
        return new ImageToVideo(image, prompt, quality, Optional.of(value));
    }

    @Override
    public Optional<Prompt> wirePrompt() {
        return Optional.of(combine(image, prompt));
    }

    @Override
    public String describeMode() {
        return MODE;
    }

    private static Prompt combine(ImageUrl image, Optional<Prompt> prompt) {
        String text = prompt.map(p -> image + " " + p.text()).orElse(image.toString());
        int length = text.codePointCount(0, text.length());
        if (length > Prompt.MAX_LENGTH) {
            throw new InvalidRequestException(
                    "prompt",
                    "at most " + Prompt.MAX_LENGTH + " characters together with the image URL in front of it",
                    text);
        }
        return Prompt.of(text);
    }
}
