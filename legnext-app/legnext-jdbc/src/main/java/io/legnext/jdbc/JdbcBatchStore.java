package io.legnext.jdbc;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.BatchStorePort;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Driven adapter: a batch's state in PostgreSQL, shared by every instance of a host (a fleet on one account) so that
 * they run one batch together: two never claim one item, and together they never have more than the limit in
 * flight. Each store is one runner; it holds a session advisory lock while it is open, so that when it closes or its
 * process dies the others see its items unowned and adopt them.
 *
 * <p>The host supplies the {@link DataSource} (a pool, or the driver's own) and the PostgreSQL driver
 * ({@code org.postgresql:postgresql}); the store takes one connection for its lease for as long as it is open, and
 * one per call besides (a closed store refuses every call, as a runner that stopped). Connections must be sessions of their own (no transaction pooling in front). Every write
 * commits before it returns. The tables are created when missing ({@link JdbcTables}). Failures are
 * {@link JdbcStoreException}s that say what failed.
 */
public final class JdbcBatchStore implements BatchStorePort, AutoCloseable {

    private static final String IN_FLIGHT = "('SUBMITTING', 'ACCEPTED')";

    private final DataSource dataSource;
    private final JdbcTables tables;
    private final RunnerLease lease;

    /** A runner over the default tables ({@link JdbcTables#DEFAULT}). */
    public JdbcBatchStore(DataSource dataSource) {
        this(dataSource, JdbcTables.DEFAULT);
    }

    /** A runner over {@code tables}; creates them when missing and takes this runner's lease. */
    public JdbcBatchStore(DataSource dataSource, JdbcTables tables) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tables = Objects.requireNonNull(tables, "tables");
        tables.createIfAbsent(dataSource);
        this.lease = RunnerLease.take(dataSource);
    }

    /** This runner's id, as the owner of the items it holds. */
    public long runnerId() {
        return lease.id();
    }

    @Override
    public Map<String, ItemRecord> load(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        requireOpen();
        String sql = "SELECT item_key, state, job_id, detail FROM " + tables.item() + " WHERE batch_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, batchId);
            Map<String, ItemRecord> items = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ItemRecord r = new ItemRecord(
                            rs.getString(1),
                            ItemState.valueOf(rs.getString(2)),
                            Optional.ofNullable(rs.getObject(3, UUID.class)).map(JobId::new),
                            Optional.ofNullable(rs.getString(4)));
                    items.put(r.key(), r);
                }
            }
            return Map.copyOf(items);
        } catch (SQLException e) {
            throw SqlFailures.of("load batch '" + batchId + "'", e);
        }
    }

    @Override
    public void save(String batchId, ItemRecord item) {
        Objects.requireNonNull(batchId, "batchId");
        requireOpen();
        Objects.requireNonNull(item, "item");
        String sql = "INSERT INTO " + tables.item() + " (batch_id, item_key, state, job_id, detail, owner)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id, item_key) DO UPDATE SET"
                + " state = EXCLUDED.state, job_id = EXCLUDED.job_id, detail = EXCLUDED.detail,"
                + " owner = EXCLUDED.owner, updated_at = now()";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            s.setString(1, batchId);
            s.setString(2, item.key());
            s.setString(3, item.state().name());
            s.setObject(4, item.jobId().map(JobId::value).orElse(null), Types.OTHER);
            s.setString(5, item.detail().orElse(null));
            // A pending or final item belongs to no runner; one in flight to the runner that saved it.
            if (item.state() == ItemState.PENDING || item.state().isFinal()) {
                s.setNull(6, Types.BIGINT);
            } else {
                s.setLong(6, lease.id());
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.of("save item '" + item.key() + "' of batch '" + batchId + "'", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction. It first locks the batch's row ({@code SELECT ... FOR UPDATE}), so that claims of one batch
     * take turns: the count of items in flight and the claim that follows it are then one step no other claim can
     * come between, whatever the limit each caller passes. Slot rows claimed with {@code SKIP LOCKED} would let claims
     * of one batch run side by side, but need as many rows as the limit, which is a per-call argument here (runners
     * of one batch may pass different ones), and freeing a slot on every final save; a claim is a few indexed
     * statements, next to the POST it precedes, so taking turns costs nothing that shows. The pending candidates are
     * then locked with {@code FOR UPDATE SKIP LOCKED}, in batch order, passing over a row that a save or an adoption
     * is writing at that moment instead of waiting for it.
     */
    @Override
    public Optional<ItemRecord> claim(String batchId, List<String> candidates, int maxInFlight) {
        Objects.requireNonNull(batchId, "batchId");
        requireOpen();
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty() || maxInFlight <= 0) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            // Read committed: each statement sees what the claim before it committed once the batch lock is ours.
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            try {
                Optional<ItemRecord> claimed = claimLocked(c, batchId, candidates, maxInFlight);
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw SqlFailures.of("claim an item of batch '" + batchId + "'", e);
        }
    }

    private Optional<ItemRecord> claimLocked(Connection c, String batchId, List<String> candidates, int maxInFlight)
            throws SQLException {
        lockBatch(c, batchId);
        if (!lease.heldSeenFrom(c)) {
            throw new JdbcStoreException(
                    "This runner's lease in PostgreSQL is gone (the store was closed, or its connection was lost),"
                            + " so it claims nothing more: other runners may be adopting its items. Open a new"
                            + " JdbcBatchStore to go on.",
                    null);
        }
        if (countInFlight(c, batchId) >= maxInFlight) {
            return Optional.empty();
        }
        Array keys = c.createArrayOf("text", candidates.toArray());
        Set<String> kept = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT item_key FROM " + tables.item() + " WHERE batch_id = ? AND item_key = ANY (?)")) {
            s.setString(1, batchId);
            s.setArray(2, keys);
            collect(s, kept);
        }
        Set<String> pending = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT item_key FROM " + tables.item()
                + " WHERE batch_id = ? AND item_key = ANY (?) AND state = 'PENDING' FOR UPDATE SKIP LOCKED")) {
            s.setString(1, batchId);
            s.setArray(2, keys);
            collect(s, pending);
        }
        String take =
                "INSERT INTO " + tables.item() + " (batch_id, item_key, state, owner) VALUES (?, ?, 'SUBMITTING', ?)"
                        + " ON CONFLICT (batch_id, item_key) DO UPDATE SET state = 'SUBMITTING', detail = NULL,"
                        + " owner = EXCLUDED.owner, updated_at = now() WHERE " + tables.item() + ".state = 'PENDING'"
                        + " RETURNING job_id";
        for (String key : candidates) {
            // A pending row this claim locked, or an item never saved; a row it skipped is being written.
            if (!pending.contains(key) && kept.contains(key)) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement(take)) {
                s.setString(1, batchId);
                s.setString(2, key);
                s.setLong(3, lease.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        Optional<JobId> job =
                                Optional.ofNullable(rs.getObject(1, UUID.class)).map(JobId::new);
                        return Optional.of(new ItemRecord(key, ItemState.SUBMITTING, job, Optional.empty()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private void lockBatch(Connection c, String batchId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO " + tables.batch() + " (batch_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            s.setString(1, batchId);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("SELECT batch_id FROM " + tables.batch() + " WHERE batch_id = ? FOR UPDATE")) {
            s.setString(1, batchId);
            s.executeQuery().close();
        }
    }

    private int countInFlight(Connection c, String batchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM " + tables.item() + " WHERE batch_id = ? AND state IN " + IN_FLIGHT)) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The items submitting or accepted whose owner holds no advisory lock on this database any more (its store
     * was closed, its process or its connection died), that have no owner, or that are this runner's own (a run
     * over this store that stopped left them; the run asking leaves out those it holds).
     */
    @Override
    public Set<String> unowned(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        requireOpen();
        String sql = "WITH live AS MATERIALIZED (" + RunnerLease.LIVE_KEYS + ")"
                + " SELECT item_key FROM " + tables.item() + " i WHERE i.batch_id = ? AND i.state IN " + IN_FLIGHT
                + " AND (i.owner IS NULL OR i.owner = ? OR i.owner NOT IN (SELECT * FROM live))";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, batchId);
            s.setLong(2, lease.id());
            Set<String> keys = new HashSet<>();
            collect(s, keys);
            return Set.copyOf(keys);
        } catch (SQLException e) {
            throw SqlFailures.of("look for unowned items of batch '" + batchId + "'", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Locks the item's row, then takes it over only when it is still in flight and its owner is still gone, in one
     * transaction: of two runners adopting one item, the second finds the first its live owner, and is refused.
     */
    @Override
    public boolean adopt(String batchId, String key) {
        Objects.requireNonNull(batchId, "batchId");
        requireOpen();
        Objects.requireNonNull(key, "key");
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                boolean adopted = adoptLocked(c, batchId, key);
                c.commit();
                return adopted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SqlFailures.of("adopt item '" + key + "' of batch '" + batchId + "'", e);
        }
    }

    private boolean adoptLocked(Connection c, String batchId, String key) throws SQLException {
        Long owner;
        try (PreparedStatement s = c.prepareStatement("SELECT owner FROM " + tables.item()
                + " WHERE batch_id = ? AND item_key = ? AND state IN " + IN_FLIGHT + " FOR UPDATE")) {
            s.setString(1, batchId);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                owner = rs.getObject(1, Long.class);
            }
        }
        if (owner != null && owner == lease.id()) {
            return true;
        }
        if (owner != null && alive(c, owner)) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE " + tables.item() + " SET owner = ?, updated_at = now() WHERE batch_id = ? AND item_key = ?")) {
            s.setLong(1, lease.id());
            s.setString(2, batchId);
            s.setString(3, key);
            s.executeUpdate();
        }
        return true;
    }

    private static boolean alive(Connection c, long owner) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ? IN (" + RunnerLease.LIVE_KEYS + ")")) {
            s.setLong(1, owner);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A closed store is a runner that stopped: it reads and writes nothing more, as a process that died. */
    private void requireOpen() {
        if (lease.isClosed()) {
            throw new JdbcStoreException(
                    "This batch store was closed: its runner stopped, and other runners may be adopting its items."
                            + " Open a new JdbcBatchStore to go on.",
                    null);
        }
    }

    private static void collect(PreparedStatement s, Set<String> into) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getString(1));
            }
        }
    }

    /**
     * Frees this runner's lease: from now on the others see its items in flight as unowned, and this store refuses
     * every call. Closing twice does nothing.
     */
    @Override
    public void close() {
        lease.close();
    }

    @Override
    public String toString() {
        return "JdbcBatchStore[" + tables.prefix() + "*, runner " + Long.toHexString(lease.id()) + "]";
    }
}
