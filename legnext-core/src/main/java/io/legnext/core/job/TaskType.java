package io.legnext.core.job;

import java.util.Locale;
import java.util.Objects;

/**
 * What kind of job a task is; keeps the service's spelling, including values legnext does not know.
 *
 * <p>The service writes {@code video_diffusion} in payloads while its schemas write {@code video-diffusion}: both
 * map to the same {@link Kind}.
 *
 * @param kind the recognised kind, or {@link Kind#UNKNOWN}
 * @param wireName the value as the service sent it; for known kinds, the spelling of real payloads
 */
public record TaskType(Kind kind, String wireName) {

    /** Kind.values() copies its array on every call; the lookups below run for every task read. */
    private static final Kind[] KINDS = Kind.values();

    /** The kinds of task legnext recognises. */
    public enum Kind {
        /** Text, image URL or image-job image to four videos. */
        VIDEO_DIFFUSION("video_diffusion", Family.VIDEO),
        /** Four 4-second extensions of one video. */
        EXTEND_VIDEO("extend_video", Family.VIDEO),
        /** A higher-resolution version of one video. */
        VIDEO_UPSCALE("video_upscale", Family.VIDEO),
        /** Text to four images. */
        DIFFUSION("diffusion", Family.IMAGE),
        /** Variations of one image. */
        VARIATION("variation", Family.IMAGE),
        /** Upscale of one image. */
        UPSCALE("upscale", Family.IMAGE),
        /** A new grid from the same prompt. */
        REROLL("reroll", Family.IMAGE),
        /** Several images blended into one grid. */
        BLEND("blend", Family.IMAGE),
        /** An image extended in one direction. */
        PAN("pan", Family.IMAGE),
        /** An image zoomed out. */
        OUTPAINT("outpaint", Family.IMAGE),
        /** Part of an image repainted. */
        INPAINT("inpaint", Family.IMAGE),
        /** An image redone with a changed prompt. */
        REMIX("remix", Family.IMAGE),
        /** A value legnext does not know; see {@link TaskType#wireName()}. */
        UNKNOWN("", Family.OTHER);

        private final String canonical;
        private final Family family;

        Kind(String canonical, Family family) {
            this.canonical = canonical;
            this.family = family;
        }

        /** The spelling the service uses in real payloads. */
        public String canonical() {
            return canonical;
        }
    }

    private enum Family {
        VIDEO,
        IMAGE,
        OTHER
    }

    public TaskType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(wireName, "wireName");
    }

    /** Recognises a task type as the service spells it, keeping unknown values. */
    public static TaskType of(String wireName) {
        String raw = wireName == null ? "" : wireName;
        // The service's own spelling first, as on nearly every task: no normalising copy needed.
        Kind known = known(raw);
        if (known == null) {
            known = known(raw.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
        }
        // Known kinds take one spelling, so both spellings of one kind are equal.
        return known == null ? new TaskType(Kind.UNKNOWN, raw) : new TaskType(known, known.canonical);
    }

    /** The known kind spelt exactly {@code spelling}, or null. */
    private static Kind known(String spelling) {
        for (Kind k : KINDS) {
            if (k != Kind.UNKNOWN && k.canonical.equals(spelling)) {
                return k;
            }
        }
        return null;
    }

    /** The task type of a kind, in the spelling of real payloads. */
    public static TaskType of(Kind kind) {
        if (kind == Kind.UNKNOWN) {
            throw new IllegalArgumentException("an unknown task type needs its wire name");
        }
        return new TaskType(kind, kind.canonical);
    }

    /** Whether the job produces videos. */
    public boolean isVideo() {
        return kind.family == Family.VIDEO;
    }

    /** Whether the job produces images. */
    public boolean isImage() {
        return kind.family == Family.IMAGE;
    }

    /**
     * Whether the job yields the four videos that extend and upscale choose from. Exhaustive, without a default
     * branch: a new kind does not compile until it says whether it does.
     */
    public boolean yieldsVideoVariants() {
        return switch (kind) {
            case VIDEO_DIFFUSION, EXTEND_VIDEO -> true;
            case VIDEO_UPSCALE, DIFFUSION, VARIATION, UPSCALE, REROLL, BLEND, PAN, OUTPAINT, INPAINT, REMIX, UNKNOWN ->
                false;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.UNKNOWN ? wireName : kind.canonical;
    }
}
