package io.legnext.jdbc;

import io.legnext.core.error.InvalidRequestException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The names and the schema of legnext's tables in PostgreSQL, in one place: {@code <prefix>batch} (one row per
 * batch, locked by claims), {@code <prefix>batch_item} (one row per item kept) and {@code <prefix>job} (the journal).
 * A prefix may name a schema, {@code "legnext."}, or a schema and a prefix, {@code "ops.legnext_"}.
 *
 * @param prefix what every table name starts with: lower-case letters, digits and underscores, optionally after a
 *     schema name and a dot
 */
public record JdbcTables(String prefix) {

    // Before DEFAULT: the constructor that makes it checks against this.
    private static final Pattern SHAPE = Pattern.compile("(?:([a-z_][a-z0-9_]{0,62})\\.)?([a-z_][a-z0-9_]*)?");

    /** The prefix used when a host names none. */
    public static final String DEFAULT_PREFIX = "legnext_";
    /** The tables under the default prefix. */
    public static final JdbcTables DEFAULT = new JdbcTables(DEFAULT_PREFIX);
    /** The longest table-name part of a prefix: PostgreSQL names stop at 63 characters. */
    public static final int MAX_PREFIX_LENGTH = 40;

    public JdbcTables {
        Objects.requireNonNull(prefix, "prefix");
        Matcher m = SHAPE.matcher(prefix);
        String bound = "lower-case letters, digits and underscores (at most " + MAX_PREFIX_LENGTH
                + "), optionally after a schema name and a dot, such as legnext_ or ops.legnext_";
        if (!m.matches() || (m.group(2) != null && m.group(2).length() > MAX_PREFIX_LENGTH)) {
            throw new InvalidRequestException("prefix", bound, prefix);
        }
    }

    /** Tables whose names start with {@code prefix}. */
    public static JdbcTables withPrefix(String prefix) {
        return new JdbcTables(prefix);
    }

    /** The schema named by the prefix, if any. */
    String schema() {
        Matcher m = SHAPE.matcher(prefix);
        return m.matches() ? m.group(1) : null;
    }

    private String local() {
        Matcher m = SHAPE.matcher(prefix);
        return m.matches() && m.group(2) != null ? m.group(2) : "";
    }

    /** The batch table: one row per batch, which a claim locks so that claims of one batch take turns. */
    String batch() {
        return prefix + "batch";
    }

    /** The item table: what is kept of each item, and the runner that holds it. */
    String item() {
        return prefix + "batch_item";
    }

    /** The journal table: one row per accepted job. */
    String job() {
        return prefix + "job";
    }

    /**
     * The statements that create the tables where they are missing, for a host that runs its schema through its own
     * migrations; {@link JdbcBatchStore} and {@link JdbcJobJournal} run them themselves when a table is missing.
     */
    public List<String> ddl() {
        String schema = schema();
        String local = local();
        List<String> tables = List.of(
                "CREATE TABLE IF NOT EXISTS " + batch() + " (batch_id text PRIMARY KEY)",
                "CREATE TABLE IF NOT EXISTS " + item() + " ("
                        + "batch_id text NOT NULL, "
                        + "item_key text NOT NULL, "
                        + "state text NOT NULL, "
                        + "job_id uuid, "
                        + "detail text, "
                        // The runner holding the item: the key of its advisory lock; null once the item is
                        // pending again or final.
                        + "owner bigint, "
                        + "updated_at timestamptz NOT NULL DEFAULT now(), "
                        + "PRIMARY KEY (batch_id, item_key))",
                // What a claim counts against the limit, and what unowned() looks through.
                "CREATE INDEX IF NOT EXISTS " + local + "batch_item_in_flight ON " + item()
                        + " (batch_id) WHERE state IN ('SUBMITTING', 'ACCEPTED')",
                "CREATE TABLE IF NOT EXISTS " + job() + " ("
                        + "seq bigserial NOT NULL, "
                        + "job_id uuid PRIMARY KEY, "
                        + "task_type text NOT NULL, "
                        + "source_job uuid, "
                        + "variant_index integer, "
                        + "extensions integer NOT NULL, "
                        + "submitted_at timestamptz NOT NULL, "
                        // timestamptz keeps microseconds: the rest of the instant, so that it comes back whole.
                        + "submitted_nanos integer NOT NULL, "
                        + "origin text, "
                        + "recorded_at timestamptz NOT NULL DEFAULT now())",
                "CREATE INDEX IF NOT EXISTS " + local + "job_origin ON " + job()
                        + " (origin, seq) WHERE origin IS NOT NULL");
        return schema == null
                ? tables
                : java.util.stream.Stream.concat(
                                java.util.stream.Stream.of("CREATE SCHEMA IF NOT EXISTS " + schema), tables.stream())
                        .toList();
    }

    /**
     * Creates the tables that are missing, under a transaction-scoped advisory lock so that instances starting
     * together do not race on the same CREATE; does nothing (and needs no CREATE privilege) when all exist.
     */
    void createIfAbsent(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (allExist(c)) {
                return;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "legnext-schema:" + prefix);
                lock.execute();
                for (String ddl : ddl()) {
                    s.execute(ddl);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SqlFailures.of("create legnext's tables (" + prefix + "*)", e);
        }
    }

    private boolean allExist(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT to_regclass(?) IS NOT NULL AND to_regclass(?) IS NOT NULL AND to_regclass(?) IS NOT NULL")) {
            s.setString(1, batch());
            s.setString(2, item());
            s.setString(3, job());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
