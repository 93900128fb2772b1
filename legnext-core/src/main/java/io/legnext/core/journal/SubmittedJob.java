package io.legnext.core.journal;

import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.rule.ExtensionPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the journal remembers of an accepted submit: the job, its kind, what it was made from, and the extensions
 * in its lineage, which the service does not report.
 *
 * @param id the accepted job
 * @param taskType what kind of job it is
 * @param source the job it follows (extend, upscale, animate), if any
 * @param index which result of the source it uses, if any
 * @param extensions extensions in this job's video lineage: 0 for a new video, n for the n-th extension
 * @param submittedAt when it was accepted
 * @param origin who submitted it, when a caller said: a batch writes {@code "<batch id>/<item key>"}, so that a
 *     batch resumed after a crash finds the job its item created even when the batch's own record of it was lost
 */
public record SubmittedJob(
        JobId id,
        TaskType taskType,
        Optional<JobId> source,
        Optional<VariantIndex> index,
        int extensions,
        Instant submittedAt,
        Optional<String> origin) {

    /** The longest origin accepted, in characters. */
    public static final int MAX_ORIGIN_LENGTH = 512;

    public SubmittedJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskType, "taskType");
        source = Objects.requireNonNullElse(source, Optional.empty());
        index = Objects.requireNonNullElse(index, Optional.empty());
        if (extensions < 0 || extensions > ExtensionPolicy.MAX_EXTENSIONS) {
            throw new IllegalArgumentException(
                    "'extensions' must be between 0 and " + ExtensionPolicy.MAX_EXTENSIONS + ", was " + extensions);
        }
        Objects.requireNonNull(submittedAt, "submittedAt");
        origin = Objects.requireNonNullElse(origin, Optional.<String>empty());
        origin.ifPresent(o -> {
            if (o.isBlank() || o.length() > MAX_ORIGIN_LENGTH) {
                throw new IllegalArgumentException("'origin' must be 1-" + MAX_ORIGIN_LENGTH
                        + " characters and not blank, was " + o.length() + " characters");
            }
        });
    }

    /** A job submitted by no caller that named itself: what every submit outside a batch journals. */
    public SubmittedJob(
            JobId id,
            TaskType taskType,
            Optional<JobId> source,
            Optional<VariantIndex> index,
            int extensions,
            Instant submittedAt) {
        this(id, taskType, source, index, extensions, submittedAt, Optional.empty());
    }
}
