package io.legnext.core.batch;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.TaskType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A list of items run together: validated whole before anything is sent. Every item has a unique, non-blank key
 * of at most {@value #MAX_KEY_LENGTH} characters without {@code /}; a follow-up names an earlier item that yields
 * videos (a generate, an extend, or a follow-up that extends), never itself or a later item.
 *
 * @param id the batch's name: what the batch store and the journal know it by, so a re-run with the same id resumes
 * @param items the items, in the order they are submitted
 */
public record Batch(String id, List<BatchItem> items) {

    /** The most items one batch holds. */
    public static final int MAX_ITEMS = 10_000;
    /** The longest key or id accepted, in characters. */
    public static final int MAX_KEY_LENGTH = 200;

    public Batch {
        requireName("id", id);
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidRequestException(
                    "items", "a list of 1 to " + MAX_ITEMS + " items", items == null ? null : items.size() + " items");
        }
        items = List.copyOf(items);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = Objects.requireNonNull(items.get(i), "items[" + i + "]");
            requireName("items[" + i + "].key", item.key());
            Integer earlier = seen.putIfAbsent(item.key(), i);
            if (earlier != null) {
                throw new InvalidRequestException(
                        "items[" + i + "].key", "unique in the batch (items[" + earlier + "] has it)", item.key());
            }
            if (item.step() instanceof BatchStep.After after) {
                requireParent(items, seen, i, after);
            }
        }
    }

    /** A batch of these items. */
    public static Batch of(String id, List<BatchItem> items) {
        return new Batch(id, items);
    }

    /** The position of the item with this key, if the batch has it. */
    public Optional<Integer> indexOf(String key) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).key().equals(key)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** What {@link io.legnext.core.journal.SubmittedJob#origin()} says for the job of the item with this key. */
    public String originOf(String key) {
        return id + "/" + key;
    }

    private static void requireParent(List<BatchItem> items, Map<String, Integer> seen, int i, BatchStep.After after) {
        String field = "items[" + i + "].after";
        Integer parent = after.parent() == null ? null : seen.get(after.parent());
        if (parent == null || parent == i) {
            throw new InvalidRequestException(field, "the key of an earlier item of the batch", after.parent());
        }
        BatchStep step = items.get(parent).step();
        if (!TaskType.of(step.kind()).yieldsVideoVariants()) {
            throw new InvalidRequestException(
                    field,
                    "an item that yields videos (generate or extend; items[" + parent + "] is " + step.kind() + ")",
                    after.parent());
        }
    }

    private static void requireName(String field, String value) {
        if (value == null
                || value.isBlank()
                || value.length() > MAX_KEY_LENGTH
                || value.indexOf('/') >= 0
                || !value.strip().equals(value)) {
            throw new InvalidRequestException(
                    field, "1-" + MAX_KEY_LENGTH + " characters, not blank, without '/' or surrounding spaces", value);
        }
    }
}
