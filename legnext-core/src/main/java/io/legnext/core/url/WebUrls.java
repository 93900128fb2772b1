package io.legnext.core.url;

import io.legnext.core.error.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Parses and checks the absolute http(s) URLs that requests carry. */
public final class WebUrls {

    /** Longest URL accepted; far above anything real, it stops absurd input early. */
    static final int MAX_LENGTH = 2048;

    private WebUrls() {}

    public static URI parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, "an absolute http or https URL", text);
        }
        if (text.length() > MAX_LENGTH) {
            throw tooLong(field, text);
        }
        try {
            return check(field, new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(field, "an absolute http or https URL", text);
        }
    }

    public static URI check(String field, URI uri) {
        if (uri == null) {
            throw new InvalidRequestException(field, "an absolute http or https URL", null);
        }
        String text = uri.toString();
        if (text.length() > MAX_LENGTH) {
            throw tooLong(field, text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || !hasHost(uri)) {
            throw new InvalidRequestException(field, "an absolute http or https URL", text);
        }
        return uri;
    }

    /**
     * Whether the URL names a host. {@link URI#getHost()} is null for names with an underscore, which real bucket
     * and CDN hosts use, so fall back to the authority without user info and port.
     */
    private static boolean hasHost(URI uri) {
        if (uri.getHost() != null && !uri.getHost().isEmpty()) {
            return true;
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":[0-9]*$", "");
        return !host.isEmpty()
                && host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_');
    }

    private static InvalidRequestException tooLong(String field, String text) {
        return new InvalidRequestException(
                field, "an absolute http or https URL of at most " + MAX_LENGTH + " characters", text);
    }

    public static boolean looksLikeWebUrl(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.startsWith("https://") || t.startsWith("http://");
    }
}
