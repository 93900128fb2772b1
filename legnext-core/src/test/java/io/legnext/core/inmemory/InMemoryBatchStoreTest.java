package io.legnext.core.inmemory;

import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.contract.BatchStorePortContract;

class InMemoryBatchStoreTest extends BatchStorePortContract {

    private final InMemoryBatchStore store = new InMemoryBatchStore();

    @Override
    protected BatchStorePort store() {
        return store;
    }
}
