package io.legnext.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.sql.DataSource;

/**
 * A connection pool as small as a test needs: a closed connection goes back to the pool with its session (and so
 * its session's locks) alive, as with the pools hosts use, rolled back and in autocommit. It makes the tests fast
 * (no new server process per call) and proves that a store gives its lease back by unlocking, not by the session
 * ending.
 */
final class TestPool extends Switchable {

    private final DataSource target;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    TestPool(DataSource target) {
        super(target);
        this.target = target;
    }

    /** A new pool over the same database: its sessions start afresh, with the database's settings of now. */
    TestPool fresh() {
        return new TestPool(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = idle.poll();
        if (real == null || real.isClosed()) {
            real = target.getConnection();
        }
        Connection session = real;
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!closed[0]) {
                                closed[0] = true;
                                if (session.isClosed()) {
                                    // A session the server ended (or an I/O error closed) is not pooled again.
                                    return null;
                                }
                                if (!session.getAutoCommit()) {
                                    session.rollback();
                                    session.setAutoCommit(true);
                                }
                                idle.push(session);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return closed[0] || session.isClosed();
                        }
                        default -> {
                            if (closed[0]) {
                                throw new SQLException("connection returned to the pool", "08003");
                            }
                            try {
                                return method.invoke(session, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }
}
