package io.legnext.core.rule;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.JobId;

/**
 * The extension limit: a video lineage may be extended at most 4 times, 4 seconds each (4 + 4 x 4 = 20 s).
 */
public final class ExtensionPolicy {

    /** Most extensions one video lineage may have. */
    public static final int MAX_EXTENSIONS = 4;
    /** Seconds of the video a diffusion job generates. */
    public static final int BASE_SECONDS = 4;
    /** Seconds each extension adds. */
    public static final int SECONDS_PER_EXTENSION = 4;
    /** Length of a fully extended video. */
    public static final int MAX_TOTAL_SECONDS = BASE_SECONDS + MAX_EXTENSIONS * SECONDS_PER_EXTENSION;

    private ExtensionPolicy() {}

    /**
     * Refuses an extension of a video whose lineage already has {@code extensionsSoFar} extensions, when that would
     * exceed {@link #MAX_EXTENSIONS}.
     *
     * @param source the job to be extended, for the message
     * @param extensionsSoFar extensions already in the source's lineage (0 for a video-diffusion job)
     * @throws InvalidRequestException when the lineage is already fully extended
     */
    public static void requireRoomForExtension(JobId source, int extensionsSoFar) {
        if (extensionsSoFar < 0) {
            throw new IllegalArgumentException("'extensionsSoFar' must be at least 0, was " + extensionsSoFar);
        }
        if (extensionsSoFar >= MAX_EXTENSIONS) {
            throw new InvalidRequestException(
                    "jobId",
                    "a video with fewer than " + MAX_EXTENSIONS + " extensions in its lineage (at most "
                            + MAX_TOTAL_SECONDS + " s)",
                    source + ", already extended " + extensionsSoFar + " times (" + secondsAfter(extensionsSoFar)
                            + " s)");
        }
    }

    /** Length in seconds of a video after {@code extensions} extensions. */
    public static int secondsAfter(int extensions) {
        return BASE_SECONDS + extensions * SECONDS_PER_EXTENSION;
    }
}
