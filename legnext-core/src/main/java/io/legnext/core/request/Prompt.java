package io.legnext.core.request;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.url.WebUrls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text that steers a video job, 1 to 8192 characters, with its optional leading image URL and video flags
 * ({@code --motion low|high}, {@code --raw}, {@code --end <url>}, {@code --loop}).
 *
 * <p>Length is counted in Unicode code points, so an emoji counts once. Flags the service may know but legnext does
 * not (e.g. {@code --bs 2}) are kept in the text untouched.
 *
 * @param text the prompt exactly as it is sent
 */
public record Prompt(String text) {

    /** Shortest prompt the service accepts. */
    public static final int MIN_LENGTH = 1;
    /** Longest prompt the service accepts. */
    public static final int MAX_LENGTH = 8192;

    /** How much the generated video moves; {@code --motion low} is the service's default. */
    public enum Motion {
        LOW,
        HIGH
    }

    public Prompt {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(
                    "prompt", "between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters, not blank", text);
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            throw new InvalidRequestException(
                    "prompt", "between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters", text);
        }
        parse(text);
    }

    /** Creates a prompt from text. */
    public static Prompt of(String text) {
        return new Prompt(text);
    }

    /** The length in Unicode code points. */
    public int length() {
        return text.codePointCount(0, text.length());
    }

    /** The public image URL the prompt starts with, which makes it an image-to-video prompt. */
    public Optional<URI> leadingImageUrl() {
        return Optional.ofNullable(parse(text).leadingImage);
    }

    /** The {@code --motion} flag, when given. */
    public Optional<Motion> motion() {
        return Optional.ofNullable(parse(text).motion);
    }

    /** Whether {@code --raw} is given. */
    public boolean raw() {
        return parse(text).raw;
    }

    /** Whether {@code --loop} is given (a Midjourney flag the video API does not document). */
    public boolean loop() {
        return parse(text).loop;
    }

    /** The image the video should end on ({@code --end <url>}), when given. */
    public Optional<URI> endFrame() {
        return Optional.ofNullable(parse(text).endFrame);
    }

    /** The words of the prompt without the leading image URL and without the flags legnext knows. */
    public String description() {
        return parse(text).description;
    }

    @Override
    public String toString() {
        return text;
    }

    private record Parsed(
            URI leadingImage, Motion motion, boolean raw, boolean loop, URI endFrame, String description) {}

    private static Parsed parse(String text) {
        String[] tokens = text.strip().split("(?U)\\s+");
        URI leadingImage = null;
        Motion motion = null;
        boolean raw = false;
        boolean loop = false;
        URI endFrame = null;
        List<String> words = new ArrayList<>();
        int i = 0;
        if (WebUrls.looksLikeWebUrl(tokens[0])) {
            leadingImage = url("a prompt whose leading image URL is an absolute http or https URL", tokens[0]);
            i = 1;
        }
        for (; i < tokens.length; i++) {
            String token = tokens[i];
            switch (token.toLowerCase(Locale.ROOT)) {
                case "--motion" -> {
                    String value = i + 1 < tokens.length ? tokens[++i] : null;
                    motion = motion(value);
                }
                case "--raw" -> raw = true;
                case "--loop" -> loop = true;
                case "--end" -> {
                    String value = i + 1 < tokens.length ? tokens[++i] : null;
                    endFrame = url(
                            "a prompt whose '--end' flag is followed by an absolute http or https image URL", value);
                }
                default -> words.add(token);
            }
        }
        return new Parsed(leadingImage, motion, raw, loop, endFrame, String.join(" ", words));
    }

    private static Motion motion(String value) {
        if (value != null) {
            for (Motion m : Motion.values()) {
                if (m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
        }
        throw new InvalidRequestException(
                "prompt",
                "a prompt whose '--motion' flag is followed by low or high",
                value == null ? "'--motion' at the end" : "'--motion " + value + "'");
    }

    private static URI url(String bound, String value) {
        try {
            return WebUrls.parse("prompt", value);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("prompt", bound, value);
        }
    }
}
