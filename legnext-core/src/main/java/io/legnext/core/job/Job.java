package io.legnext.core.job;

import io.legnext.core.url.CallbackUrl;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the core sees it: what it is, where it stands, what it produced, what it cost and why it failed.
 *
 * @param id the job's id
 * @param taskType what kind of job it is
 * @param status where it stands
 * @param videoUrls the result videos (four for video jobs once completed; empty before); temporary signed URLs
 * @param imageUrls the result images of image jobs (empty for video jobs and before completion)
 * @param imageGridUrl the grid image of an image job, when there is one
 * @param seed the generation seed, once known
 * @param availableActions the follow-up actions the service offers
 * @param usage points frozen and consumed
 * @param createdAt when the service accepted it
 * @param startedAt when it started running
 * @param endedAt when it finished
 * @param failure why it failed, present only when {@code status} is failed
 * @param callback the callback URL the service will POST to, when one was given
 */
public record Job(
        JobId id,
        TaskType taskType,
        JobStatus status,
        List<URI> videoUrls,
        List<URI> imageUrls,
        Optional<URI> imageGridUrl,
        Optional<String> seed,
        AvailableActions availableActions,
        PointUsage usage,
        Optional<Instant> createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<JobFailure> failure,
        Optional<CallbackUrl> callback) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(status, "status");
        videoUrls = List.copyOf(Objects.requireNonNullElse(videoUrls, List.of()));
        imageUrls = List.copyOf(Objects.requireNonNullElse(imageUrls, List.of()));
        imageGridUrl = Objects.requireNonNullElse(imageGridUrl, Optional.empty());
        seed = Objects.requireNonNullElse(seed, Optional.<String>empty()).filter(s -> !s.isEmpty());
        availableActions = Objects.requireNonNullElse(availableActions, AvailableActions.NONE);
        usage = Objects.requireNonNullElse(usage, PointUsage.NONE);
        createdAt = Objects.requireNonNullElse(createdAt, Optional.empty());
        startedAt = Objects.requireNonNullElse(startedAt, Optional.empty());
        endedAt = Objects.requireNonNullElse(endedAt, Optional.empty());
        failure = Objects.requireNonNullElse(failure, Optional.empty());
        callback = Objects.requireNonNullElse(callback, Optional.empty());
    }

    /** Starts a job with the three things every job has; everything else defaults to absent or empty. */
    public static Builder builder(JobId id, TaskType taskType, JobStatus status) {
        return new Builder(id, taskType, status);
    }

    /** A builder holding this job's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(id, taskType, status)
                .videoUrls(videoUrls)
                .imageUrls(imageUrls)
                .imageGridUrl(imageGridUrl.orElse(null))
                .seed(seed.orElse(null))
                .availableActions(availableActions)
                .usage(usage)
                .createdAt(createdAt.orElse(null))
                .startedAt(startedAt.orElse(null))
                .endedAt(endedAt.orElse(null))
                .failure(failure.orElse(null))
                .callback(callback.orElse(null));
    }

    /** Completed or failed: the job will not change any more. */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** Whether the job completed. */
    public boolean isCompleted() {
        return status.state() == JobStatus.State.COMPLETED;
    }

    /** Whether the job failed. */
    public boolean isFailed() {
        return status.state() == JobStatus.State.FAILED;
    }

    /** Builds a {@link Job}; absent values stay absent. */
    public static final class Builder {
        private JobId id;
        private TaskType taskType;
        private JobStatus status;
        private List<URI> videoUrls = List.of();
        private List<URI> imageUrls = List.of();
        private URI imageGridUrl;
        private String seed;
        private AvailableActions availableActions = AvailableActions.NONE;
        private PointUsage usage = PointUsage.NONE;
        private Instant createdAt;
        private Instant startedAt;
        private Instant endedAt;
        private JobFailure failure;
        private CallbackUrl callback;

        private Builder(JobId id, TaskType taskType, JobStatus status) {
            this.id = id;
            this.taskType = taskType;
            this.status = status;
        }

        public Builder id(JobId value) {
            this.id = value;
            return this;
        }

        public Builder taskType(TaskType value) {
            this.taskType = value;
            return this;
        }

        public Builder status(JobStatus value) {
            this.status = value;
            return this;
        }

        public Builder videoUrls(List<URI> value) {
            this.videoUrls = value;
            return this;
        }

        public Builder imageUrls(List<URI> value) {
            this.imageUrls = value;
            return this;
        }

        public Builder imageGridUrl(URI value) {
            this.imageGridUrl = value;
            return this;
        }

        public Builder seed(String value) {
            this.seed = value;
            return this;
        }

        public Builder availableActions(AvailableActions value) {
            this.availableActions = value;
            return this;
        }

        public Builder usage(PointUsage value) {
            this.usage = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            this.startedAt = value;
            return this;
        }

        public Builder endedAt(Instant value) {
            this.endedAt = value;
            return this;
        }

        public Builder failure(JobFailure value) {
            this.failure = value;
            return this;
        }

        public Builder callback(CallbackUrl value) {
            this.callback = value;
            return this;
        }

        public Job build() {
            return new Job(
                    id,
                    taskType,
                    status,
                    videoUrls,
                    imageUrls,
                    Optional.ofNullable(imageGridUrl),
                    Optional.ofNullable(seed),
                    availableActions,
                    usage,
                    Optional.ofNullable(createdAt),
                    Optional.ofNullable(startedAt),
                    Optional.ofNullable(endedAt),
                    Optional.ofNullable(failure),
                    Optional.ofNullable(callback));
        }
    }
}
