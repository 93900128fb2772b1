package io.legnext.core.url;

import java.net.URI;

/**
 * Where the service POSTs the job when it finishes: an absolute http or https URL.
 *
 * @param uri the URL
 */
public record CallbackUrl(URI uri) {

    public CallbackUrl {
        WebUrls.check("callback", uri);
    }

    /** Parses a callback URL, naming the field {@code callback} when it is not an absolute http(s) URL. */
    public static CallbackUrl parse(String text) {
        return new CallbackUrl(WebUrls.parse("callback", text));
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
