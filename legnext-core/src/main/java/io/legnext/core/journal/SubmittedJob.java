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
 */
public record SubmittedJob(
        JobId id,
        TaskType taskType,
        Optional<JobId> source,
        Optional<VariantIndex> index,
        int extensions,
        Instant submittedAt) {

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
    }
}
