package io.legnext.core.batch;

import java.util.Objects;

/**
 * One item of a batch: a key, unique in the batch, that names it in the report, in the batch store and in
 * follow-ups; and the step it runs. The batch checks the key ({@link Batch#of(String, java.util.List)}).
 *
 * @param key the item's name in the batch, e.g. {@code "lighthouse-1"}
 * @param step what it submits
 */
public record BatchItem(String key, BatchStep step) {

    public BatchItem {
        Objects.requireNonNull(step, "step");
    }
}
