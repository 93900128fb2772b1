package io.legnext.adapter.fake;

import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.VideoDiffusion;
import java.nio.charset.StandardCharsets;

/** What the service's messages call a submit, and the bytes of a key as it compares them. */
final class Attempts {

    private Attempts() {}

    /** What submitting {@code request} is called in the service's messages. */
    static String describe(VideoDiffusion request) {
        if (request instanceof TextToVideo t) {
            return "Submitting a video-diffusion job (" + t.describeMode() + ", " + t.quality() + ")";
        }
        if (request instanceof ImageToVideo i) {
            return "Submitting a video-diffusion job (image URL to video, " + i.quality() + ")";
        }
        AnimateImage a = (AnimateImage) request;
        return "Submitting a video-diffusion job animating image " + a.imageIndex() + " of job " + a.imageJob() + " ("
                + a.quality() + ")";
    }

    static byte[] bytes(String key) {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }
}
