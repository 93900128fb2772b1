package io.legnext.core.batch;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a batch run ended: every item's outcome in batch order, the counts per state, and the points its jobs
 * reserved (by the cost table: every accepted job, and every uncertain one, which may have been charged; the
 * service refunds failed jobs).
 *
 * @param batchId the batch
 * @param items each item's outcome, in batch order
 * @param pointsReserved points reserved by the batch's jobs, this run's and earlier runs'
 */
public record BatchReport(String batchId, List<ItemRecord> items, long pointsReserved) {

    public BatchReport {
        Objects.requireNonNull(batchId, "batchId");
        items = List.copyOf(items);
    }

    /** How many items are in each state; every state present, most with 0. */
    public Map<ItemState, Integer> counts() {
        Map<ItemState, Integer> counts = new EnumMap<>(ItemState.class);
        for (ItemState s : ItemState.values()) {
            counts.put(s, 0);
        }
        for (ItemRecord item : items) {
            counts.merge(item.state(), 1, Integer::sum);
        }
        return counts;
    }

    /** How many items are in this state. */
    public int count(ItemState state) {
        return (int) items.stream().filter(i -> i.state() == state).count();
    }

    /** Whether every item completed. */
    public boolean allCompleted() {
        return count(ItemState.COMPLETED) == items.size();
    }

    /** The outcome of the item with this key. */
    public ItemRecord item(String key) {
        return items.stream()
                .filter(i -> i.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no item '" + key + "' in batch '" + batchId + "'"));
    }
}
