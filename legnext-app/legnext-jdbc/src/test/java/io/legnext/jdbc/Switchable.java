package io.legnext.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource whose database can be swapped under a store, as a database that goes away. */
class Switchable implements DataSource {

    private volatile DataSource target;

    Switchable(DataSource target) {
        this.target = target;
    }

    /** A DataSource that opens connections to {@code url} through the driver manager. */
    static DataSource url(String url, String user, String password) {
        return new Switchable(new Switchable(null) {
            @Override
            public Connection getConnection() throws SQLException {
                java.util.Properties p = new java.util.Properties();
                if (user != null) {
                    p.setProperty("user", user);
                    p.setProperty("password", password);
                }
                return java.sql.DriverManager.getConnection(url, p);
            }
        });
    }

    void to(DataSource other) {
        this.target = other;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
