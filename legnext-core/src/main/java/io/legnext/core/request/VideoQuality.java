package io.legnext.core.request;

import io.legnext.core.error.InvalidRequestException;
import java.util.Locale;

/**
 * The resolution of generated videos; the service calls it {@code videoType}.
 */
public enum VideoQuality {
    /** 480p, {@code videoType} 0: the service's default. */
    P480("480p", 0),
    /** 720p, {@code videoType} 1: slower to generate. */
    P720("720p", 1);

    /** What the service uses when a request does not say. */
    public static final VideoQuality DEFAULT = P480;

    private final String label;
    private final int videoType;

    VideoQuality(String label, int videoType) {
        this.label = label;
        this.videoType = videoType;
    }

    /** The label users write: {@code 480p} or {@code 720p}. */
    public String label() {
        return label;
    }

    /** The wire value of {@code videoType}. */
    public int videoType() {
        return videoType;
    }

    /** Parses {@code 480p}, {@code 720p} (also without the {@code p}, any case), naming the field {@code quality}. */
    public static VideoQuality parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (VideoQuality q : values()) {
                if (t.equals(q.label) || t.equals(q.label.substring(0, q.label.length() - 1))) {
                    return q;
                }
            }
        }
        throw new InvalidRequestException("quality", "480p or 720p", text);
    }

    /** Maps the wire {@code videoType} (0 or 1) back to a quality. */
    public static VideoQuality fromVideoType(int videoType) {
        for (VideoQuality q : values()) {
            if (q.videoType == videoType) {
                return q;
            }
        }
        throw new InvalidRequestException("videoType", "0 (480p) or 1 (720p)", videoType);
    }

    @Override
    public String toString() {
        return label;
    }
}
