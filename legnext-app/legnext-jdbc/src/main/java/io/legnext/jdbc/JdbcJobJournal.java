package io.legnext.jdbc;

import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.port.out.JobJournalPort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Driven adapter: the journal of accepted submits in PostgreSQL, one row per job, shared by every instance of a host,
 * so that a batch adopted by another instance finds the job an item's submit created, and lineages (how many times a
 * video was extended) are counted across the fleet.
 *
 * <p>A record is durable when it returns (its statement commits) and idempotent on the job id: the first record of a
 * job is kept, as in the file journal. Over the same {@link DataSource} and {@link JdbcTables} as the
 * {@link JdbcBatchStore}; the host brings the PostgreSQL driver. Tables are created when missing.
 */
public final class JdbcJobJournal implements JobJournalPort {

    private static final String COLUMNS =
            "job_id, task_type, source_job, variant_index, extensions, submitted_at, submitted_nanos, origin";

    private final DataSource dataSource;
    private final JdbcTables tables;

    /** A journal in the default tables ({@link JdbcTables#DEFAULT}). */
    public JdbcJobJournal(DataSource dataSource) {
        this(dataSource, JdbcTables.DEFAULT);
    }

    /** A journal in {@code tables}; creates them when missing. */
    public JdbcJobJournal(DataSource dataSource, JdbcTables tables) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tables = Objects.requireNonNull(tables, "tables");
        tables.createIfAbsent(dataSource);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Asks the database, in one round trip, whether this connection could insert a job now: that it is reachable,
     * not a read-only replica or session, and that its user may insert into the journal table.
     */
    @Override
    public void checkWritable() {
        String sql = "SELECT NOT pg_is_in_recovery(), current_setting('transaction_read_only') = 'off',"
                + " has_table_privilege(?, 'INSERT')";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tables.job());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String why = !rs.getBoolean(1)
                        ? "the database is a read-only replica (in recovery)"
                        : !rs.getBoolean(2)
                                ? "the connection is read-only (default_transaction_read_only is on)"
                                : !rs.getBoolean(3) ? "the database user may not insert into " + tables.job() : null;
                if (why != null) {
                    throw unavailable(why, null);
                }
            }
        } catch (SQLException e) {
            throw unavailable(SqlFailures.describe(e), e);
        }
    }

    private static JournalUnavailableException unavailable(String why, Throwable cause) {
        return new JournalUnavailableException(
                "The job journal in PostgreSQL cannot be written: " + why
                        + ". Nothing was sent: a job it cannot record could be paid for and lost.",
                cause);
    }

    @Override
    public void record(SubmittedJob job) {
        Objects.requireNonNull(job, "job");
        String sql = "INSERT INTO " + tables.job() + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (job_id) DO NOTHING";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            s.setObject(1, job.id().value(), Types.OTHER);
            s.setString(2, job.taskType().toString());
            s.setObject(3, job.source().map(JobId::value).orElse(null), Types.OTHER);
            if (job.index().isPresent()) {
                s.setInt(4, job.index().get().value());
            } else {
                s.setNull(4, Types.INTEGER);
            }
            s.setInt(5, job.extensions());
            // Sent cut to microseconds, as timestamptz keeps it: rounding up could carry into the next second.
            s.setObject(6, job.submittedAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
            s.setInt(7, job.submittedAt().getNano());
            s.setString(8, job.origin().orElse(null));
            s.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.of("record job " + job.id() + " in the journal", e);
        }
    }

    @Override
    public Optional<SubmittedJob> find(JobId id) {
        Objects.requireNonNull(id, "id");
        return one("SELECT " + COLUMNS + " FROM " + tables.job() + " WHERE job_id = ?", id.value(), "find job " + id);
    }

    /** {@inheritDoc} The first job recorded with this origin. */
    @Override
    public Optional<SubmittedJob> findByOrigin(String origin) {
        Objects.requireNonNull(origin, "origin");
        return one(
                "SELECT " + COLUMNS + " FROM " + tables.job() + " WHERE origin = ? ORDER BY seq LIMIT 1",
                origin,
                "find the job of origin '" + origin + "'");
    }

    private Optional<SubmittedJob> one(String sql, Object key, String attempted) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key, key instanceof UUID ? Types.OTHER : Types.VARCHAR);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlFailures.of(attempted + " in the journal", e);
        }
    }

    private static SubmittedJob read(ResultSet rs) throws SQLException {
        int index = rs.getInt(4);
        Optional<VariantIndex> variant = rs.wasNull() ? Optional.empty() : Optional.of(new VariantIndex(index));
        Instant at = Instant.ofEpochSecond(
                rs.getObject(6, OffsetDateTime.class).toInstant().getEpochSecond(), rs.getInt(7));
        return new SubmittedJob(
                new JobId(rs.getObject(1, UUID.class)),
                TaskType.of(rs.getString(2)),
                Optional.ofNullable(rs.getObject(3, UUID.class)).map(JobId::new),
                variant,
                rs.getInt(5),
                at,
                Optional.ofNullable(rs.getString(8)));
    }

    @Override
    public String toString() {
        return "JdbcJobJournal[" + tables.job() + "]";
    }
}
