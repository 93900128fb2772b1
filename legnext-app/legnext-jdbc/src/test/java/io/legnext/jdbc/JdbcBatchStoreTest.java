package io.legnext.jdbc;

import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.contract.BatchStorePortContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC store keeps a batch's state as every store must, against a real PostgreSQL. */
class JdbcBatchStoreTest extends BatchStorePortContract {

    private static DataSource database;
    private JdbcBatchStore store;

    @BeforeAll
    static void database() {
        database = TestPostgres.freshDatabase();
    }

    @BeforeEach
    void open() {
        store = new JdbcBatchStore(database);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected BatchStorePort store() {
        return store;
    }

    /** The records were saved by this runner: it stops (its lease ends) and another runner takes over. */
    @Override
    protected void givenTheRunnerThatSavedThemIsGone(String batchId) {
        store.close();
        store = new JdbcBatchStore(database);
    }
}
