package io.legnext.core.inmemory;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.port.out.BatchStorePort;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch store kept in memory for as long as the process lives; thread-safe. It survives a batch run that stops
 * (a cancel, a failed write, a runner abandoned) but not the process: hosts that must survive restarts plug in a
 * persistent {@link BatchStorePort}.
 */
public final class InMemoryBatchStore implements BatchStorePort {

    private final Map<String, Map<String, ItemRecord>> batches = new ConcurrentHashMap<>();

    @Override
    public Map<String, ItemRecord> load(String batchId) {
        Map<String, ItemRecord> items = batches.get(Objects.requireNonNull(batchId, "batchId"));
        if (items == null) {
            return Map.of();
        }
        synchronized (items) {
            return Map.copyOf(items);
        }
    }

    @Override
    public void save(String batchId, ItemRecord item) {
        Objects.requireNonNull(item, "item");
        Map<String, ItemRecord> items =
                batches.computeIfAbsent(Objects.requireNonNull(batchId, "batchId"), k -> new LinkedHashMap<>());
        synchronized (items) {
            items.put(item.key(), item);
        }
    }
}
