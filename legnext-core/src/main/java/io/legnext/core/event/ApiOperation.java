package io.legnext.core.event;

import java.util.Locale;

/** What one call to the service does, as {@link HttpAttempt} names it: one value per endpoint legnext calls. */
public enum ApiOperation {

    /** {@code POST /api/v1/video-diffusion}: a new video job from a prompt, an image URL or an image job's image. */
    GENERATE,
    /** {@code POST /api/v1/extend-video}: an extension of a finished video. */
    EXTEND,
    /** {@code POST /api/v1/video-upscale}: an upscale of a finished video. */
    UPSCALE,
    /** {@code GET /api/v1/job/{job_id}}: one job's state. */
    JOB_LOOKUP,
    /** {@code GET /api/account/balance}: the account's points. */
    BALANCE;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The name in lower case ({@code job_lookup}), as metrics and logs spell it. */
    public String tag() {
        return tag;
    }

    /** Whether this may create a paid job. */
    public boolean isSubmit() {
        return switch (this) {
            case GENERATE, EXTEND, UPSCALE -> true;
            case JOB_LOOKUP, BALANCE -> false;
        };
    }
}
