package io.legnext.core.url;

import java.net.URI;

/**
 * A publicly reachable image to turn into a video: an absolute http or https URL.
 *
 * @param uri the URL
 */
public record ImageUrl(URI uri) {

    public ImageUrl {
        WebUrls.check("imageUrl", uri);
    }

    /** Parses an image URL, naming the field {@code imageUrl} when it is not an absolute http(s) URL. */
    public static ImageUrl parse(String text) {
        return new ImageUrl(WebUrls.parse("imageUrl", text));
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
