package io.legnext.core.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Parses and checks the absolute http(s) URLs that requests carry. */
final class WebUrls {

    /** Longest URL accepted; far above anything real, it stops absurd input early. */
    static final int MAX_LENGTH = 2048;

    private WebUrls() {
    }

    static URI parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, "an absolute http or https URL", text);
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidRequestException(field, "an absolute http or https URL of at most " + MAX_LENGTH
                    + " characters", text);
        }
        try {
            return check(field, new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(field, "an absolute http or https URL", text);
        }
    }

    static URI check(String field, URI uri) {
        if (uri == null) {
            throw new InvalidRequestException(field, "an absolute http or https URL", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidRequestException(field, "an absolute http or https URL", uri.toString());
        }
        return uri;
    }

    static boolean looksLikeWebUrl(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.startsWith("https://") || t.startsWith("http://");
    }
}
