package io.legnext.adapter.fake;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.port.out.BatchStorePort;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One batch state shared by several runners, as a database serves the instances of a fleet: each runner is a view
 * that owns what it claims or adopts, and a runner that crashed leaves its items unowned. The behaviour the JDBC
 * store gives, kept in memory so that the core's side of it is tested on its own.
 */
final class FleetStore {

    private final Map<String, Map<String, ItemRecord>> batches = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final Set<String> gone = new HashSet<>();

    /** A runner of this store, known by {@code name}. */
    BatchStorePort runner(String name) {
        return new Runner(name);
    }

    /** The runner stops as a killed process does: its items are unowned, and its own calls fail from now on. */
    synchronized void crash(String name) {
        gone.add(name);
    }

    synchronized Map<String, ItemRecord> records(String batchId) {
        return Map.copyOf(batches.getOrDefault(batchId, Map.of()));
    }

    private final class Runner implements BatchStorePort {
        private final String name;

        Runner(String name) {
            this.name = name;
        }

        private void alive() {
            if (gone.contains(name)) {
                throw new IllegalStateException("runner " + name + " was killed");
            }
        }

        @Override
        public Map<String, ItemRecord> load(String batchId) {
            synchronized (FleetStore.this) {
                alive();
                return records(batchId);
            }
        }

        @Override
        public void save(String batchId, ItemRecord item) {
            synchronized (FleetStore.this) {
                alive();
                batches.computeIfAbsent(batchId, k -> new HashMap<>()).put(item.key(), item);
                if (BatchStorePort.inFlight(item)) {
                    owners.put(batchId + "/" + item.key(), name);
                } else {
                    owners.remove(batchId + "/" + item.key());
                }
            }
        }

        @Override
        public Optional<ItemRecord> claim(String batchId, List<String> candidates, int maxInFlight) {
            synchronized (FleetStore.this) {
                alive();
                Optional<ItemRecord> claimed =
                        BatchStorePort.claimable(batches.getOrDefault(batchId, Map.of()), candidates, maxInFlight);
                claimed.ifPresent(r -> save(batchId, r));
                return claimed;
            }
        }

        @Override
        public Set<String> unowned(String batchId) {
            synchronized (FleetStore.this) {
                alive();
                return batches.getOrDefault(batchId, Map.of()).values().stream()
                        .filter(BatchStorePort::inFlight)
                        .map(ItemRecord::key)
                        .filter(key -> {
                            String owner = owners.get(batchId + "/" + key);
                            return owner == null || owner.equals(name) || gone.contains(owner);
                        })
                        .collect(Collectors.toUnmodifiableSet());
            }
        }

        @Override
        public boolean adopt(String batchId, String key) {
            synchronized (FleetStore.this) {
                alive();
                String owner = owners.get(batchId + "/" + key);
                if (owner != null && !owner.equals(name) && !gone.contains(owner)) {
                    return false;
                }
                owners.put(batchId + "/" + key, name);
                return true;
            }
        }
    }
}
