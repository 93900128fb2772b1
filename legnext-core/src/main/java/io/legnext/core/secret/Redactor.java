package io.legnext.core.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction every printed, logged, thrown or stored string passes through: masks the configured secrets
 * (the API key, a webhook secret), also as JSON and URL encoding spell them, and the credentials of any URL
 * ({@code https://user:password@host} becomes {@code https://[redacted]@host}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} says how many secrets it masks, never which.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "[redacted]";

    /** Masks URL credentials only: for code that holds no secret of its own. */
    public static final Redactor URL_CREDENTIALS = new Redactor(List.of(), 0);

    /** {@code scheme://userinfo@}: the user-info part of an absolute URL, up to the last {@code @} of the authority. */
    private static final Pattern URL_USERINFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{0,30}://)([^/?#\\s@\"'<>]*@)");

    /** Every spelling to mask, longest first, so that a spelling inside a longer one cannot leave a piece behind. */
    private final List<String> spellings;

    private final int secrets;

    private Redactor(List<String> spellings, int secrets) {
        this.spellings = spellings;
        this.secrets = secrets;
    }

    /**
     * A redactor masking these secrets (blank and null ones are ignored) and URL credentials.
     *
     * @param secrets the values never to show, e.g. the API key
     */
    public static Redactor of(String... secrets) {
        return URL_CREDENTIALS.with(secrets);
    }

    /** This redactor masking these secrets too. */
    public Redactor with(String... more) {
        Objects.requireNonNull(more, "secrets");
        Set<String> all = new LinkedHashSet<>(spellings);
        int before = all.size();
        int added = 0;
        for (String secret : more) {
            if (secret == null || secret.isBlank() || all.contains(secret)) {
                continue;
            }
            added++;
            all.add(secret);
            all.add(jsonEscaped(secret));
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        if (all.size() == before) {
            return this;
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted), secrets + added);
    }

    /** Whether this masks any secret besides URL credentials. */
    public boolean hasSecrets() {
        return !spellings.isEmpty();
    }

    /**
     * The text with every secret and every URL's credentials masked; {@code null} stays {@code null}.
     *
     * @param text any text that may be shown, logged, thrown or stored
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = text;
        for (String secret : spellings) {
            if (s.contains(secret)) {
                s = s.replace(secret, MASK);
            }
        }
        if (s.indexOf("://") >= 0) {
            Matcher m = URL_USERINFO.matcher(s);
            if (m.find()) {
                s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + "@"));
            }
        }
        return s;
    }

    /** Whether the text shows a secret or URL credentials that {@link #redact(String)} would mask. */
    public boolean reveals(String text) {
        return text != null && !redact(text).equals(text);
    }

    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '/' -> b.append("\\/");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets + " secret" + (secrets == 1 ? "" : "s") + " and URL credentials]";
    }
}
