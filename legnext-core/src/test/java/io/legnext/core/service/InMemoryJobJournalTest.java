package io.legnext.core.service;

import static io.legnext.core.job.TestJobs.EXTEND_JOB;
import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.job.TaskType;
import io.legnext.core.journal.SubmittedJob;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryJobJournalTest {

    private static final Instant NOW = Instant.parse("2025-10-21T10:51:46Z");

    private final InMemoryJobJournal journal = new InMemoryJobJournal();

    private static SubmittedJob extension(int extensions) {
        return new SubmittedJob(
                EXTEND_JOB,
                TaskType.of(TaskType.Kind.EXTEND_VIDEO),
                Optional.of(VIDEO_JOB),
                Optional.empty(),
                extensions,
                NOW);
    }

    @Test
    void findsWhatWasRecorded() {
        journal.record(extension(2));

        assertThat(journal.find(EXTEND_JOB)).contains(extension(2));
    }

    @Test
    void findsNothingForAJobItNeverSaw() {
        assertThat(journal.find(VIDEO_JOB)).isEmpty();
    }

    @Test
    void aLaterRecordOfTheSameJobReplacesTheEarlierOne() {
        journal.record(extension(1));
        journal.record(extension(3));

        assertThat(journal.find(EXTEND_JOB).map(SubmittedJob::extensions)).contains(3);
        assertThat(journal.entries()).hasSize(1);
    }

    @Test
    void listsEveryEntry() {
        SubmittedJob video = new SubmittedJob(
                VIDEO_JOB, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), Optional.empty(), Optional.empty(), 0, NOW);
        journal.record(video);
        journal.record(extension(1));

        assertThat(journal.entries()).containsExactlyInAnyOrder(video, extension(1));
    }

    @Test
    void findsAJobByItsOrigin() {
        SubmittedJob tagged = new SubmittedJob(
                VIDEO_JOB,
                TaskType.of(TaskType.Kind.VIDEO_DIFFUSION),
                Optional.empty(),
                Optional.empty(),
                0,
                NOW,
                Optional.of("batch/a"));
        journal.record(tagged);
        journal.record(extension(1));

        assertThat(journal.findByOrigin("batch/a")).contains(tagged);
        assertThat(journal.findByOrigin("batch/b")).isEmpty();
    }

    @Test
    void aBatchStoreKeepsTheLastRecordOfEachItem() {
        io.legnext.core.inmemory.InMemoryBatchStore store = new io.legnext.core.inmemory.InMemoryBatchStore();
        io.legnext.core.batch.ItemRecord a = io.legnext.core.batch.ItemRecord.pending("a");
        store.save("b", a.with(io.legnext.core.batch.ItemState.SUBMITTING, null));
        store.save("b", a.accepted(VIDEO_JOB));

        assertThat(store.load("b")).containsOnlyKeys("a");
        assertThat(store.load("b").get("a").jobId()).contains(VIDEO_JOB);
        assertThat(store.load("other")).isEmpty();
    }
}
