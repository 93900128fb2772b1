package io.legnext.core.batch;

import io.legnext.core.job.JobId;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of one batch item: its state, its job once accepted, and a word on why when it failed, was
 * skipped, is uncertain or still runs. The batch store keeps one per item; the report lists them.
 *
 * @param key the item's key
 * @param state where it stands
 * @param jobId its job, once the service accepted it
 * @param detail why it failed, was skipped or is uncertain, with the advice that goes with it; empty otherwise
 */
public record ItemRecord(String key, ItemState state, Optional<JobId> jobId, Optional<String> detail) {

    public ItemRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        jobId = Objects.requireNonNullElse(jobId, Optional.empty());
        detail = Objects.requireNonNullElse(detail, Optional.<String>empty()).filter(d -> !d.isBlank());
    }

    /** An item nothing was done for yet. */
    public static ItemRecord pending(String key) {
        return new ItemRecord(key, ItemState.PENDING, Optional.empty(), Optional.empty());
    }

    /** The same item in another state, keeping its job. */
    public ItemRecord with(ItemState value, String why) {
        return new ItemRecord(key, value, jobId, Optional.ofNullable(why));
    }

    /** The same item accepted as {@code job}. */
    public ItemRecord accepted(JobId job) {
        return new ItemRecord(key, ItemState.ACCEPTED, Optional.of(job), Optional.empty());
    }
}
