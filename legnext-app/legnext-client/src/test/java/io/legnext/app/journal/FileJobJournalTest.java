package io.legnext.app.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.journal.SubmittedJob;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJobJournalTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-21T10:51:46Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    FileJobJournal journal() {
        return new FileJobJournal(home, "fake", CLOCK);
    }

    static SubmittedJob submitted(JobId id) {
        return new SubmittedJob(
                id, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), Optional.empty(), Optional.empty(), 0, CLOCK.instant());
    }

    static Job completed(JobId id) {
        return Job.builder(id, TaskType.of(TaskType.Kind.VIDEO_DIFFUSION), JobStatus.COMPLETED)
                .videoUrls(List.of(URI.create("https://cdn.legnext.ai/temp/a.mp4")))
                .seed("42")
                .createdAt(CLOCK.instant())
                .endedAt(CLOCK.instant().plusSeconds(155))
                .build();
    }

    @Test
    void remembersASubmitWithItsLineageAcrossInstances() {
        JobId source = JobId.random();
        JobId id = JobId.random();
        journal()
                .record(new SubmittedJob(
                        id,
                        TaskType.of(TaskType.Kind.EXTEND_VIDEO),
                        Optional.of(source),
                        Optional.of(new VariantIndex(2)),
                        3,
                        CLOCK.instant()));

        SubmittedJob found = new FileJobJournal(home, "other", CLOCK).find(id).orElseThrow();

        assertThat(found.source()).contains(source);
        assertThat(found.index()).contains(new VariantIndex(2));
        assertThat(found.extensions()).isEqualTo(3);
        assertThat(found.taskType().kind()).isEqualTo(TaskType.Kind.EXTEND_VIDEO);
        assertThat(journal().entry(id).orElseThrow().service()).isEqualTo("fake");
        assertThat(journal().find(JobId.random())).isEmpty();
    }

    @Test
    void recordsHowAJobEndedOnceAndKeepsTheJob() {
        JobId id = JobId.random();
        FileJobJournal journal = journal();
        journal.record(submitted(id));

        assertThat(journal.recordOutcome(completed(id))).isTrue();
        assertThat(journal.recordOutcome(completed(id))).isFalse();

        JournalEntry entry = journal.entry(id).orElseThrow();
        assertThat(entry.isFinished()).isTrue();
        assertThat(entry.status()).isEqualTo("completed");
        Job kept = entry.outcome().orElseThrow().job().orElseThrow();
        assertThat(kept).isEqualTo(completed(id));
        assertThat(journal.read().lines()).isEqualTo(2);
    }

    @Test
    void ignoresOutcomesOfJobsItNeverSawOrThatAreNotOver() {
        JobId id = JobId.random();
        FileJobJournal journal = journal();
        journal.record(submitted(id));

        assertThat(journal.recordOutcome(completed(JobId.random()))).isFalse();
        assertThat(journal.recordOutcome(Job.builder(id, TaskType.of("video_diffusion"), JobStatus.PROCESSING)
                        .build()))
                .isFalse();
        assertThat(journal.entry(id).orElseThrow().status()).isEqualTo(JournalEntry.UNFINISHED);
    }

    @Test
    void keepsAFailedJobsReason() {
        JobId id = JobId.random();
        FileJobJournal journal = journal();
        journal.record(submitted(id));

        journal.recordOutcome(Job.builder(id, TaskType.of("video_diffusion"), JobStatus.FAILED)
                .failure(new JobFailure(10001, "render failed", "gpu lost"))
                .build());

        Job kept = journal.entry(id).orElseThrow().outcome().orElseThrow().job().orElseThrow();
        assertThat(kept.failure()).contains(new JobFailure(10001, "render failed", "gpu lost"));
    }

    @Test
    void marksAForgottenJobGone() {
        JobId id = JobId.random();
        FileJobJournal journal = journal();
        journal.record(submitted(id));

        assertThat(journal.recordGone(id, "404")).isTrue();
        assertThat(journal.recordGone(id, "404")).isFalse();

        JournalEntry.Outcome outcome = journal.entry(id).orElseThrow().outcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(JournalEntry.Outcome.GONE);
        assertThat(outcome.reason()).contains("404");
    }

    @Test
    void skipsATornLastLineAndFencesItOffBeforeTheNextAppend() throws Exception {
        JobId first = JobId.random();
        JobId second = JobId.random();
        FileJobJournal journal = journal();
        journal.record(submitted(first));
        // A kill in the middle of a write leaves half a line without its newline.
        Files.writeString(
                journal.file(), "{\"v\":1,\"type\":\"submitted\",\"jobId\":\"8201", StandardOpenOption.APPEND);

        FileJobJournal.Snapshot torn = journal.read();
        journal.record(submitted(second));
        FileJobJournal.Snapshot after = journal.read();

        assertThat(torn.entries()).extracting(e -> e.submitted().id()).containsExactly(first);
        assertThat(torn.skippedLines()).isEqualTo(1);
        assertThat(after.entries()).extracting(e -> e.submitted().id()).containsExactly(first, second);
        assertThat(after.skippedLines()).isEqualTo(1);
    }

    @Test
    void keepsABatchOriginAndFindsTheJobByIt() throws Exception {
        JobId tagged = JobId.random();
        JobId plain = JobId.random();
        FileJobJournal journal = journal();
        SubmittedJob job = submitted(tagged);
        journal.record(new SubmittedJob(
                job.id(),
                job.taskType(),
                job.source(),
                job.index(),
                job.extensions(),
                job.submittedAt(),
                Optional.of("batch-1/item-0")));
        journal.record(submitted(plain));

        FileJobJournal reopened = new FileJobJournal(home, "fake", CLOCK);
        assertThat(reopened.findByOrigin("batch-1/item-0"))
                .map(SubmittedJob::id)
                .contains(tagged);
        assertThat(reopened.findByOrigin("batch-1/item-1")).isEmpty();
        assertThat(reopened.find(plain).orElseThrow().origin()).isEmpty();
        // A line without the field (what every line before batches looks like) stays readable, and stays so.
        assertThat(Files.readAllLines(journal.file()).get(1)).doesNotContain("origin");
    }

    @Test
    void readsALineWrittenBeforeOriginsExisted() throws Exception {
        JobId id = JobId.random();
        FileJobJournal journal = journal();
        Files.writeString(
                journal.file(),
                "{\"v\":1,\"type\":\"submitted\",\"jobId\":\"" + id + "\",\"taskType\":\"video_diffusion\","
                        + "\"source\":null,\"index\":null,\"extensions\":0,"
                        + "\"submittedAt\":\"2025-10-21T10:51:46Z\",\"service\":\"fake\"}\n");

        assertThat(journal.find(id).orElseThrow().origin()).isEmpty();
        assertThat(journal.findByOrigin("b/k")).isEmpty();
    }

    @Test
    void skipsLinesItCannotRead() throws Exception {
        JobId id = JobId.random();
        FileJobJournal journal = journal();
        journal.record(submitted(id));
        Files.writeString(
                journal.file(),
                "not json\n{\"type\":\"what\"}\n{\"type\":\"submitted\",\"jobId\":\"x\"}\n\n",
                StandardOpenOption.APPEND);

        FileJobJournal.Snapshot s = journal.read();

        assertThat(s.entries()).hasSize(1);
        assertThat(s.skippedLines()).isEqualTo(3);
    }

    @Test
    void anAbsentJournalIsEmpty() {
        assertThat(journal().entries()).isEmpty();
        assertThat(journal().find(JobId.random())).isEmpty();
    }

    @Test
    void compactionKeepsEveryJobAndDropsTheRestAtomically() throws Exception {
        FileJobJournal journal = journal();
        JobId done = JobId.random();
        JobId running = JobId.random();
        journal.record(submitted(done));
        journal.record(submitted(running));
        journal.record(submitted(done));
        journal.recordOutcome(completed(done));
        Files.writeString(journal.file(), "garbage\n{\"v\":1,\"ty", StandardOpenOption.APPEND);
        List<JournalEntry> before = journal.entries();

        journal.compact();

        assertThat(journal.entries()).isEqualTo(before);
        assertThat(journal.read().skippedLines()).isZero();
        assertThat(Files.readAllLines(journal.file(), StandardCharsets.UTF_8)).hasSize(3);
        try (var files = Files.list(home)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().contains(".tmp"));
        }
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<JobId> ids = new ArrayList<>();
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            JobId id = JobId.random();
            ids.add(id);
            // A new instance per write: as separate commands would.
            writes.add(pool.submit(() -> new FileJobJournal(home, "fake", CLOCK).record(submitted(id))));
        }
        for (Future<?> f : writes) {
            f.get();
        }
        pool.shutdown();

        assertThat(journal().entries()).extracting(e -> e.submitted().id()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(journal().read().skippedLines()).isZero();
    }

    @Test
    void createsTheHomeDirectoryWhenMissing() {
        Path nested = home.resolve("a/b/.legnext");
        JobId id = JobId.random();

        new FileJobJournal(nested, "fake", CLOCK).record(submitted(id));

        assertThat(nested.resolve(FileJobJournal.FILE_NAME)).exists();
    }

    @Test
    void aWritableHomeTakesAnAppendAndIsCreatedWhenMissing() {
        FileJobJournal journal = new FileJobJournal(home.resolve("new/home"), "fake", CLOCK);

        journal.checkWritable();

        assertThat(home.resolve("new/home").resolve(FileJobJournal.FILE_NAME)).isRegularFile();
    }

    @Test
    void aHomeThatIsAFileCannotTakeAnAppendSaidInWords() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> new FileJobJournal(file, "fake", CLOCK).checkWritable())
                .isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining("cannot be written")
                .hasMessageContaining("Nothing was sent")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aJournalFileThatIsADirectoryCannotTakeAnAppend() throws Exception {
        Files.createDirectories(home.resolve(FileJobJournal.FILE_NAME));

        assertThatThrownBy(() -> journal().checkWritable())
                .isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining(FileJobJournal.FILE_NAME);
    }

    @Test
    void aFullFileSystemCannotTakeAnAppend() {
        FileJobJournal full = new FileJobJournal(home, "fake", CLOCK, Long.MAX_VALUE);

        assertThatThrownBy(full::checkWritable)
                .isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining("bytes free, under the " + Long.MAX_VALUE + " it needs");
    }

    @Test
    void checkingLeavesTheJournalAsItWas() {
        FileJobJournal journal = journal();
        journal.record(submitted(JobId.random()));

        journal.checkWritable();

        assertThat(journal.read().lines()).isEqualTo(1);
        assertThat(journal.read().skippedLines()).isZero();
    }
}
