/**
 * A batch store and a job journal in PostgreSQL, over a {@code DataSource} the host supplies: the instances of a
 * host share one batch through them. Needs the JDK's {@code java.sql} and the core, nothing else; the host brings
 * the PostgreSQL driver.
 */
module io.legnext.jdbc {
    requires transitive io.legnext.core;
    requires transitive java.sql;

    exports io.legnext.jdbc;
}
