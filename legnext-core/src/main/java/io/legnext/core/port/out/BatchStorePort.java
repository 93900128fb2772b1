package io.legnext.core.port.out;

import io.legnext.core.batch.ItemRecord;
import java.util.Map;

/**
 * Driven port: a batch's durable state, one {@link ItemRecord} per item (its state and, once accepted, its job),
 * so that a batch run again after a crash goes on where it stopped.
 *
 * <p>Each {@link #save} is durable when it returns: the batch records an item as submitting before its POST and
 * goes on only once that record is kept. Implementations are thread-safe. One store may serve several processes
 * (a JDBC store for a fleet); the in-memory one serves one.
 */
public interface BatchStorePort {

    /** Every record kept for this batch, by item key; empty for a batch never run. */
    Map<String, ItemRecord> load(String batchId);

    /** Keeps {@code item} for this batch, replacing what was kept for its key; durable when it returns. */
    void save(String batchId, ItemRecord item);
}
