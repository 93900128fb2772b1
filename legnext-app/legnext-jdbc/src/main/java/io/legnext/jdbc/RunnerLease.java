package io.legnext.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What makes a runner alive to the others: a PostgreSQL session-level advisory lock on its id, held on a connection
 * of its own for as long as the store is open. Closing the store, or the process or its connection dying, frees
 * the lock, and the others then see the runner's items as unowned.
 */
final class RunnerLease implements AutoCloseable {

    /**
     * The advisory locks of live sessions on this database, as the 64-bit keys {@code pg_advisory_lock(bigint)}
     * takes: pg_locks shows such a key's high half as classid, its low half as objid, with objsubid 1.
     */
    static final String LIVE_KEYS = "SELECT (l.classid::bigint << 32) | l.objid::bigint FROM pg_locks l"
            + " WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection connection;
    private final long id;
    private final int pid;
    private volatile boolean closed;

    private RunnerLease(Connection connection, long id, int pid) {
        this.connection = connection;
        this.id = id;
        this.pid = pid;
    }

    /** Takes a lock on a random id that no live runner holds, on a new connection from {@code dataSource}. */
    static RunnerLease take(DataSource dataSource) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            int pid;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_backend_pid()");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                while (true) {
                    long id = RANDOM.nextLong();
                    s.setLong(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        // A held id (2^-64 odds) is another runner's: draw again rather than share it.
                        if (rs.next() && rs.getBoolean(1)) {
                            return new RunnerLease(c, id, pid);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqlFailures.of("take this runner's lease (a session advisory lock)", e);
        }
    }

    /** The runner's id: the key of its lock, kept as the owner of the items it holds. */
    long id() {
        return id;
    }

    /**
     * Whether the lock is still held, asked on {@code other} (any connection of the same database): false once the
     * store is closed or its lease connection was lost, when the others may be adopting this runner's items.
     */
    boolean heldSeenFrom(Connection other) throws SQLException {
        if (closed) {
            return false;
        }
        try (PreparedStatement s = other.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks l"
                + " WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted AND l.pid = ?"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))")) {
            s.setInt(1, pid);
            s.setLong(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    /** Frees the lock; the others see this runner gone from now on. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, id);
            s.execute();
        } catch (SQLException e) {
            // Closing the connection below frees the lock all the same.
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Nothing more to free: a session's advisory locks end with it.
            }
        }
    }
}
