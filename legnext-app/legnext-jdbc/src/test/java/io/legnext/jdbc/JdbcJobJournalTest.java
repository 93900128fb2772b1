package io.legnext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.journal.SubmittedJob;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL journal remembers accepted submits as the file journal does, and shares them across instances. */
class JdbcJobJournalTest {

    private static final Instant AT = Instant.parse("2025-10-21T10:51:46.123456789Z");

    private static DataSource database;

    @BeforeAll
    static void database() {
        database = TestPostgres.freshDatabase();
    }

    private static SubmittedJob generated(JobId id, String origin) {
        return new SubmittedJob(
                id,
                TaskType.of(TaskType.Kind.VIDEO_DIFFUSION),
                Optional.empty(),
                Optional.empty(),
                0,
                AT,
                Optional.ofNullable(origin));
    }

    @Test
    void remembersASubmitWithItsLineageWhole() {
        JdbcJobJournal journal = new JdbcJobJournal(database);
        SubmittedJob extension = new SubmittedJob(
                JobId.random(),
                TaskType.of(TaskType.Kind.EXTEND_VIDEO),
                Optional.of(JobId.random()),
                Optional.of(new VariantIndex(2)),
                3,
                AT,
                Optional.of("batch-1/lighthouse"));

        journal.record(extension);

        assertThat(journal.find(extension.id())).contains(extension);
        assertThat(journal.find(JobId.random())).isEmpty();
    }

    @Test
    void keepsATaskTypeItDoesNotKnowAsTheServiceSpeltIt() {
        JdbcJobJournal journal = new JdbcJobJournal(database);
        SubmittedJob odd = new SubmittedJob(
                JobId.random(), TaskType.of("video_remaster"), Optional.empty(), Optional.empty(), 0, AT);

        journal.record(odd);

        assertThat(journal.find(odd.id())).contains(odd);
        assertThat(journal.find(odd.id()).orElseThrow().taskType().wireName()).isEqualTo("video_remaster");
    }

    @Test
    void findsTheJobOfAnOrigin() {
        JdbcJobJournal journal = new JdbcJobJournal(database);
        String origin = "batch-" + System.nanoTime() + "/v3";
        SubmittedJob job = generated(JobId.random(), origin);
        journal.record(generated(JobId.random(), origin + "0"));
        journal.record(job);

        assertThat(journal.findByOrigin(origin)).contains(job);
        assertThat(journal.findByOrigin(origin + "-never")).isEmpty();
    }

    @Test
    void theFirstJobRecordedWithAnOriginIsTheOneFound() {
        JdbcJobJournal journal = new JdbcJobJournal(database);
        String origin = "batch-" + System.nanoTime() + "/v1";
        SubmittedJob first = generated(JobId.random(), origin);
        journal.record(first);
        journal.record(generated(JobId.random(), origin));

        assertThat(journal.findByOrigin(origin)).contains(first);
    }

    @Test
    void recordingAJobTwiceKeepsTheFirstRecord() {
        JdbcJobJournal journal = new JdbcJobJournal(database);
        JobId id = JobId.random();
        SubmittedJob first = generated(id, "batch-x/a");

        journal.record(first);
        journal.record(generated(id, "batch-x/other"));

        assertThat(journal.find(id)).contains(first);
    }

    @Test
    void twoInstancesShareOneJournal() {
        JdbcJobJournal a = new JdbcJobJournal(database);
        JdbcJobJournal b = new JdbcJobJournal(database);
        SubmittedJob job = generated(JobId.random(), "batch-shared/k" + System.nanoTime());

        a.record(job);

        assertThat(b.find(job.id())).contains(job);
        assertThat(b.findByOrigin(job.origin().orElseThrow())).contains(job);
    }

    @Test
    void anInstantComesBackToTheNanosecondEvenWhenItsMicrosecondsWouldRoundUp() {
        JdbcJobJournal journal = new JdbcJobJournal(database);
        Instant edge = Instant.parse("2025-12-31T23:59:59.999999999Z");
        SubmittedJob job = new SubmittedJob(
                JobId.random(), TaskType.of(TaskType.Kind.VIDEO_UPSCALE), Optional.empty(), Optional.empty(), 0, edge);

        journal.record(job);

        assertThat(journal.find(job.id()).orElseThrow().submittedAt()).isEqualTo(edge);
    }

    @Test
    void aWritableJournalPassesTheCheck() {
        new JdbcJobJournal(database).checkWritable();
    }

    @Test
    void aReadOnlyDatabaseFailsTheCheckBeforeAnythingIsSent() throws Exception {
        TestPool readOnly = (TestPool) TestPostgres.freshDatabase();
        new JdbcJobJournal(readOnly);
        try (Connection c = readOnly.getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + c.getCatalog() + " SET default_transaction_read_only = on");
        }
        // Sessions opened from now on are read-only.
        JdbcJobJournal journal = new JdbcJobJournal(readOnly.fresh());

        assertThatThrownBy(journal::checkWritable)
                .isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining("read-only")
                .hasMessageContaining("Nothing was sent");
    }
}
