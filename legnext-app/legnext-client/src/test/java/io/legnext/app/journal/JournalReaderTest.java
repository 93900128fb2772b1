package io.legnext.app.journal;

import static io.legnext.app.journal.FileJobJournalTest.CLOCK;
import static io.legnext.app.journal.FileJobJournalTest.completed;
import static io.legnext.app.journal.FileJobJournalTest.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.journal.SubmittedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal parses each line once: later reads take only what was appended, by this process or another. */
class JournalReaderTest {

    @TempDir
    Path home;

    private FileJobJournal journal() {
        return new FileJobJournal(home, "fake", CLOCK);
    }

    @Test
    void aThousandLookupsAfterAThousandRecordsParseEachLineOnce() {
        FileJobJournal journal = journal();
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            JobId id = JobId.random();
            ids.add(id);
            journal.record(submitted(id));
            assertThat(journal.entry(id)).isPresent();
        }
        for (JobId id : ids) {
            assertThat(journal.entry(id)).isPresent();
        }

        assertThat(journal.parsedLines()).isEqualTo(1000);
        assertThat(journal.read().entries()).hasSize(1000);
    }

    @Test
    void linesAnotherInstanceAppendsAreSeenByTheNextRead() {
        FileJobJournal mine = journal();
        FileJobJournal other = journal();
        JobId first = JobId.random();
        JobId second = JobId.random();
        mine.record(submitted(first));
        assertThat(mine.read().entries()).hasSize(1);

        other.record(submitted(second));
        other.recordOutcome(completed(first));

        assertThat(mine.entry(second)).isPresent();
        assertThat(mine.entry(first).orElseThrow().isFinished()).isTrue();
        assertThat(mine.parsedLines()).isEqualTo(3);
    }

    @Test
    void aCompactionByAnotherInstanceIsReadAfreshAndLosesNothing() {
        FileJobJournal mine = journal();
        FileJobJournal other = journal();
        JobId a = JobId.random();
        JobId b = JobId.random();
        mine.record(submitted(a));
        mine.record(submitted(b));
        mine.recordOutcome(completed(a));
        assertThat(mine.read().entries()).hasSize(2);

        other.compact();
        JobId c = JobId.random();
        other.record(submitted(c));

        assertThat(mine.read().entries()).extracting(e -> e.submitted().id()).containsExactly(a, b, c);
        assertThat(mine.entry(a).orElseThrow().isFinished()).isTrue();
    }

    @Test
    void aFileThatShrankIsReadFromTheStart() throws Exception {
        FileJobJournal mine = journal();
        JobId a = JobId.random();
        JobId b = JobId.random();
        mine.record(submitted(a));
        mine.record(submitted(b));
        assertThat(mine.read().entries()).hasSize(2);
        List<String> lines = Files.readAllLines(mine.file());

        Files.writeString(mine.file(), lines.get(0) + "\n", StandardOpenOption.TRUNCATE_EXISTING);

        assertThat(mine.read().entries()).extracting(e -> e.submitted().id()).containsExactly(a);
        assertThat(mine.entry(b)).isEmpty();
    }

    @Test
    void aLineHalfWrittenIsReadOnceItsNewlineArrives() throws Exception {
        FileJobJournal writer = journal();
        FileJobJournal mine = journal();
        JobId id = JobId.random();
        writer.record(submitted(id));
        String line = Files.readString(mine.file());
        Files.delete(mine.file());
        Files.writeString(mine.file(), line.substring(0, 30), StandardOpenOption.CREATE_NEW);

        assertThat(mine.read().entries()).isEmpty();
        assertThat(mine.read().skippedLines())
                .as("the unfinished line, for now")
                .isEqualTo(1);

        Files.writeString(mine.file(), line.substring(30), StandardOpenOption.APPEND);

        assertThat(mine.entry(id)).isPresent();
        assertThat(mine.read().skippedLines()).isZero();
    }

    @Test
    void theFirstJobOfAnOriginIsFoundWithoutAScan() {
        FileJobJournal journal = journal();
        JobId first = JobId.random();
        JobId later = JobId.random();
        journal.record(withOrigin(first, "batch/a"));
        journal.record(withOrigin(later, "batch/a"));
        journal.record(withOrigin(JobId.random(), "batch/b"));

        assertThat(journal.findByOrigin("batch/a")).map(SubmittedJob::id).contains(first);
        assertThat(journal.findByOrigin("batch/c")).isEmpty();
        assertThat(journal.parsedLines()).isEqualTo(3);
    }

    private static SubmittedJob withOrigin(JobId id, String origin) {
        return new SubmittedJob(
                id,
                TaskType.of(TaskType.Kind.VIDEO_DIFFUSION),
                Optional.empty(),
                Optional.empty(),
                0,
                CLOCK.instant(),
                Optional.of(origin));
    }
}
