package io.legnext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.JobId;
import io.legnext.core.journal.JournalUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the tables go (a prefix, a schema), and what a host reads when the database fails. */
class JdbcTablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"legnext_", "", "ops.", "ops.legnext_", "a2_"})
    void acceptsPrefixesAndSchemas(String prefix) {
        assertThat(JdbcTables.withPrefix(prefix).prefix()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Legnext", "x; DROP TABLE y", "a-b", "1abc", "a.b.c", "\"quoted\"", "."})
    void refusesPrefixesThatAreNotPlainNames(String prefix) {
        assertThatThrownBy(() -> JdbcTables.withPrefix(prefix))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'prefix' must be")
                .hasMessageContaining("lower-case letters");
    }

    @Test
    void refusesAPrefixOverTheLongestThatLeavesRoomForTheTableNames() {
        String longest = "p".repeat(JdbcTables.MAX_PREFIX_LENGTH);

        assertThat(JdbcTables.withPrefix(longest).prefix()).isEqualTo(longest);
        assertThatThrownBy(() -> JdbcTables.withPrefix(longest + "p")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void storesUnderTwoPrefixesOrSchemasKeepApart() {
        DataSource database = TestPostgres.freshDatabase();
        try (JdbcBatchStore plain = new JdbcBatchStore(database);
                JdbcBatchStore other = new JdbcBatchStore(database, JdbcTables.withPrefix("ops.fleet_"))) {
            plain.save("b", ItemRecord.pending("a").accepted(JobId.random()));

            assertThat(other.load("b")).isEmpty();
            assertThat(plain.load("b")).containsOnlyKeys("a");
            assertThat(tables(database)).contains("public.legnext_batch_item", "ops.fleet_batch_item", "ops.fleet_job");
        }
    }

    @Test
    void aStoreAndAJournalOpenedTogetherCreateTheTablesOnce() throws Exception {
        DataSource database = TestPostgres.freshDatabase();
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 4; i++) {
            int n = i;
            threads.add(new Thread(() -> {
                try {
                    if (n % 2 == 0) {
                        new JdbcBatchStore(database).close();
                    } else {
                        new JdbcJobJournal(database);
                    }
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(60_000);
        }

        assertThat(failures).isEmpty();
        assertThat(tables(database))
                .contains("public.legnext_batch", "public.legnext_batch_item", "public.legnext_job");
    }

    @Test
    void anUnreachableDatabaseIsSaidInWordsWithoutClassNamesOrThePassword() {
        DataSource nowhere =
                Switchable.url("jdbc:postgresql://127.0.0.1:1/legnext?connectTimeout=2", "fleet", "s3cret-pw");

        assertThatThrownBy(() -> new JdbcBatchStore(nowhere))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("Could not create legnext's tables (legnext_*) in PostgreSQL:")
                .hasMessageContaining("could not be reached")
                .hasMessageContaining("SQL state 08")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("s3cret-pw")
                        .doesNotContainPattern("[A-Z]\\w*Exception")
                        .doesNotContain("java."));
        assertThatThrownBy(() -> new JdbcJobJournal(nowhere)).isInstanceOf(JdbcStoreException.class);
    }

    @Test
    void aJournalWhoseDatabaseWentAwayRefusesTheSubmitInWords() {
        DataSource nowhere = Switchable.url(
                "jdbc:postgresql://127.0.0.1:1/legnext?user=fleet&password=s3cret-pw&connectTimeout=2", null, null);
        Switchable database = new Switchable(TestPostgres.freshDatabase());
        JdbcJobJournal journal = new JdbcJobJournal(database);
        database.to(nowhere);

        assertThatThrownBy(journal::checkWritable)
                .isInstanceOf(JournalUnavailableException.class)
                .hasMessageStartingWith(
                        "The job journal in PostgreSQL cannot be written: the database could not be" + " reached")
                .hasMessageEndingWith("Nothing was sent: a job it cannot record could be paid for and lost.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
        assertThatThrownBy(() -> journal.record(new io.legnext.core.journal.SubmittedJob(
                        JobId.random(),
                        io.legnext.core.job.TaskType.of(io.legnext.core.job.TaskType.Kind.VIDEO_DIFFUSION),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        0,
                        java.time.Instant.EPOCH)))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("Could not record job ");
    }

    private static List<String> tables(DataSource database) {
        try (Connection c = database.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables"
                                + " WHERE tablename LIKE '%batch%' OR tablename LIKE '%job'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
