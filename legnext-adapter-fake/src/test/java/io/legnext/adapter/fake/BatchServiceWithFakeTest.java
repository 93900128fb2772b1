package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchCosts;
import io.legnext.core.batch.BatchEstimate;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchRefusedException;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batches over the fake in virtual time: the limit, 429s, crashes and resumes, lost answers, costs, follow-ups. */
class BatchServiceWithFakeTest {

    private static final BatchOptions DEFAULTS = BatchOptions.defaults();

    @Test
    void twentyItemsNeverHaveMoreThanTheLimitUnfinishedAtTheService() {
        BatchHarness h = new BatchHarness(b -> b.unlimitedConcurrentJobs());

        BatchReport report = h.runToEnd(BatchHarness.texts("b", 20), DEFAULTS.withMaxInFlight(4));

        assertThat(report.allCompleted()).isTrue();
        assertThat(h.watching.mostUnfinished).isEqualTo(4);
        assertThat(h.fake.jobCount()).isEqualTo(20);
        assertThat(report.pointsReserved()).isEqualTo(20 * 480L);
        assertThat(report.items()).extracting(ItemRecord::key).startsWith("v0", "v1", "v2");
    }

    @Test
    void theDefaultLimitIsSix() {
        BatchHarness h = new BatchHarness(b -> b.unlimitedConcurrentJobs());

        BatchReport report = h.runToEnd(BatchHarness.texts("b", 20), DEFAULTS);

        assertThat(report.count(ItemState.COMPLETED)).isEqualTo(20);
        assertThat(h.watching.mostUnfinished).isEqualTo(BatchOptions.DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void aServiceThatRefusesWhenBusyIsWaitedOutWithNoExtraJob() {
        BatchHarness h = new BatchHarness(b -> b.maxConcurrentJobs(2).rejectWhenBusy(true));

        BatchReport report = h.runToEnd(BatchHarness.texts("b", 12), DEFAULTS);

        assertThat(report.allCompleted()).isTrue();
        assertThat(h.watching.rateLimited).isPositive();
        assertThat(h.fake.jobCount()).isEqualTo(12);
    }

    @Test
    void aRateLimitWithoutAHintPausesAndRetriesTheSameSubmit() {
        BatchHarness h = new BatchHarness();
        h.fake.rateLimitNextSubmit(null);

        BatchReport report = h.runToEnd(BatchHarness.texts("b", 3), DEFAULTS);

        assertThat(report.allCompleted()).isTrue();
        assertThat(h.watching.rateLimited).isEqualTo(1);
        assertThat(h.fake.jobCount()).isEqualTo(3);
    }

    /**
     * A crash at every store write in turn (a clean run of these six items makes 18: submitting, accepted, ended):
     * each re-run completes the batch and no job is created twice.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})
    void aRunKilledAtAnyStoreWriteResumesWithoutADuplicate(int killedAt) {
        BatchHarness h = new BatchHarness();
        Batch batch = withFollowUps();
        int[] writes = {0};
        BatchHarness.CrashingStore crashing = new BatchHarness.CrashingStore(h.store, r -> ++writes[0] == killedAt);

        CompletableFuture<BatchReport> first =
                h.drive(h.service(crashing, h.watching).run(batch, DEFAULTS));
        BatchReport report = h.runToEnd(batch, DEFAULTS);

        assertThat(first).isCompletedExceptionally();
        assertThat(report.allCompleted()).as(report.toString()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(batch.items().size());
        assertThat(report.items())
                .extracting(r -> r.jobId().orElseThrow())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(h.watching.accepted);
    }

    @Test
    void aCleanRunWritesEachItemThreeTimes() {
        BatchHarness h = new BatchHarness();
        BatchHarness.CrashingStore counting = new BatchHarness.CrashingStore(h.store, r -> false);

        h.drive(h.service(counting, h.watching).run(withFollowUps(), DEFAULTS)).join();

        assertThat(counting.writes).isEqualTo(18);
    }

    @Test
    void aCrashBetweenTheAnswerAndTheStoreFindsTheJobThroughTheJournal() {
        BatchHarness h = new BatchHarness();
        Batch batch = BatchHarness.texts("b", 8);
        int[] accepts = {0};
        BatchHarness.CrashingStore crashing =
                new BatchHarness.CrashingStore(h.store, r -> r.state() == ItemState.ACCEPTED && ++accepts[0] == 3);

        assertThat(h.drive(h.service(crashing, h.watching).run(batch, DEFAULTS)))
                .isCompletedExceptionally();
        assertThat(h.store.load("b").get("v2").state()).isEqualTo(ItemState.SUBMITTING);
        BatchReport report = h.runToEnd(batch, DEFAULTS);

        assertThat(report.allCompleted()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(8);
        assertThat(report.item("v2").jobId()).contains(h.watching.accepted.get(2));
    }

    @Test
    void aProcessKilledDuringThePostLeavesTheItemUncertainAndNeverResendsIt() {
        BatchHarness h = new BatchHarness();
        Batch batch = BatchHarness.texts("b", 4);
        int[] submits = {0};
        // The POST reaches the service, then the process dies before its answer is read: no journal line.
        io.legnext.core.port.out.VideoGenerationPort dying = new io.legnext.core.port.out.VideoGenerationPort() {
            @Override
            public Job generate(io.legnext.core.request.VideoDiffusion request) {
                Job job = h.watching.generate(request);
                if (++submits[0] == 2) {
                    throw new IllegalStateException("killed");
                }
                return job;
            }

            @Override
            public Job extend(ExtendVideo request) {
                return h.watching.extend(request);
            }

            @Override
            public Job upscale(UpscaleVideo request) {
                return h.watching.upscale(request);
            }
        };

        assertThat(h.drive(h.service(h.store, dying).run(batch, DEFAULTS))).isCompletedExceptionally();
        BatchReport report = h.runToEnd(batch, DEFAULTS);

        assertThat(report.item("v1").state()).isEqualTo(ItemState.UNCERTAIN);
        assertThat(report.item("v1").detail().orElseThrow()).contains(ServiceUnavailableException.MAY_EXIST_ADVICE);
        assertThat(report.count(ItemState.COMPLETED)).isEqualTo(3);
        assertThat(h.fake.jobCount()).isEqualTo(4);
    }

    @Test
    void aLostAnswerIsUncertainReportedWithAdviceAndNotResentByARerun() {
        BatchHarness h = new BatchHarness();
        Batch batch = Batch.of(
                "b",
                List.of(
                        new BatchItem("a", new BatchStep.Generate(TextToVideo.of("a"))),
                        new BatchItem("a-up", BatchStep.After.upscale("a", 0)),
                        new BatchItem("b", new BatchStep.Generate(TextToVideo.of("b")))));
        h.fake.makeNextSubmitUnavailable();

        BatchReport report = h.runToEnd(batch, DEFAULTS);
        BatchReport again = h.runToEnd(batch, DEFAULTS);

        assertThat(report.item("a").state()).isEqualTo(ItemState.UNCERTAIN);
        assertThat(report.item("a").detail().orElseThrow()).contains(ServiceUnavailableException.MAY_EXIST_ADVICE);
        assertThat(report.item("a-up").state()).isEqualTo(ItemState.SKIPPED);
        assertThat(report.item("b").state()).isEqualTo(ItemState.COMPLETED);
        assertThat(again.items()).isEqualTo(report.items());
        assertThat(h.fake.jobCount()).isEqualTo(2);
    }

    @Test
    void aDryRunSendsNothingAndEstimatesBesideTheBalance() {
        BatchHarness h = new BatchHarness();
        Batch batch = withFollowUps();

        BatchEstimate estimate = h.service()
                .dryRun(batch, DEFAULTS.withCosts(BatchCosts.defaults().with(TaskType.Kind.VIDEO_UPSCALE, 100)));

        assertThat(h.fake.jobCount()).isZero();
        assertThat(h.store.load("b")).isEmpty();
        assertThat(estimate.jobsToSubmit())
                .containsEntry(TaskType.Kind.VIDEO_DIFFUSION, 3)
                .containsEntry(TaskType.Kind.VIDEO_UPSCALE, 2)
                .containsEntry(TaskType.Kind.EXTEND_VIDEO, 1);
        assertThat(estimate.totalPoints()).isEqualTo(4 * 480L + 2 * 100L);
        assertThat(estimate.availablePoints()).isEqualTo(FakeLegnext.DEFAULT_POINTS);
        assertThat(estimate.covered()).isTrue();
    }

    @Test
    void aBatchTheBalanceCannotCoverIsRefusedBeforeAnythingIsSent() {
        BatchHarness h = new BatchHarness();
        h.fake.setAvailablePoints(1000);

        assertThatExceptionOfType(BatchRefusedException.class)
                .isThrownBy(() -> h.service().run(BatchHarness.texts("b", 3), DEFAULTS))
                .withMessageContaining("needs 1440 points and the account has 1000")
                .withMessageContaining("Nothing was sent");
        assertThat(h.fake.jobCount()).isZero();
        assertThat(h.store.load("b")).isEmpty();
    }

    @Test
    void aResumedBatchEstimatesOnlyWhatWasNeverAccepted() {
        BatchHarness h = new BatchHarness();
        Batch batch = BatchHarness.texts("b", 5);
        int[] accepts = {0};
        BatchHarness.CrashingStore crashing =
                new BatchHarness.CrashingStore(h.store, r -> r.state() == ItemState.ACCEPTED && ++accepts[0] == 3);
        h.drive(h.service(crashing, h.watching).run(batch, DEFAULTS));

        BatchEstimate estimate = h.service().dryRun(batch, DEFAULTS);

        assertThat(estimate.totalJobs()).isEqualTo(2);
        assertThat(estimate.totalPoints()).isEqualTo(2 * 480L);
    }

    @Test
    void anEstimateLeavesOutFollowUpsOfAFailedParentEvenBeforeTheyWereMarkedSkipped() {
        BatchHarness h = new BatchHarness();
        Batch batch = withFollowUps();
        h.fake.failNextJob(500, "Task failed");
        BatchHarness.CrashingStore crashing =
                new BatchHarness.CrashingStore(h.store, r -> r.state() == ItemState.SKIPPED);
        assertThat(h.drive(h.service(crashing, h.watching).run(batch, DEFAULTS)))
                .isCompletedExceptionally();
        assertThat(h.store.load("b").get("a").state()).isEqualTo(ItemState.FAILED);
        assertThat(h.store.load("b")).doesNotContainKey("a-ext");

        BatchEstimate estimate = h.service().dryRun(batch, DEFAULTS);
        BatchReport report = h.runToEnd(batch, DEFAULTS);

        assertThat(estimate.jobsToSubmit()).doesNotContainKey(TaskType.Kind.EXTEND_VIDEO);
        assertThat(report.item("a-ext").state()).isEqualTo(ItemState.SKIPPED);
        assertThat(report.item("a-ext-up").state()).isEqualTo(ItemState.SKIPPED);
        assertThat(report.item("b-up").state()).isEqualTo(ItemState.COMPLETED);
        assertThat(h.fake.jobCount()).isEqualTo(4);
    }

    @Test
    void generateThenUpscaleVideoZeroOfIt() {
        BatchHarness h = new BatchHarness();
        Batch batch = Batch.of(
                "b",
                List.of(
                        new BatchItem("a", new BatchStep.Generate(TextToVideo.of("a lighthouse"))),
                        new BatchItem("a-up", BatchStep.After.upscale("a", 0))));

        BatchReport report = h.runToEnd(batch, DEFAULTS);

        JobId parent = report.item("a").jobId().orElseThrow();
        JobId upscale = report.item("a-up").jobId().orElseThrow();
        assertThat(report.allCompleted()).isTrue();
        assertThat(h.fake.getJob(upscale).taskType().kind()).isEqualTo(TaskType.Kind.VIDEO_UPSCALE);
        assertThat(h.journal.find(upscale).orElseThrow().source()).contains(parent);
        assertThat(h.journal.find(upscale).orElseThrow().origin()).contains("b/a-up");
    }

    @Test
    void aFailedParentSkipsItsFollowUpsAndNothingElse() {
        BatchHarness h = new BatchHarness();
        Batch batch = withFollowUps();
        h.fake.failNextJob(500, "Task failed");

        BatchReport report = h.runToEnd(batch, DEFAULTS);

        assertThat(report.item("a").state()).isEqualTo(ItemState.FAILED);
        assertThat(report.item("a").detail().orElseThrow()).contains("Task failed");
        assertThat(report.item("a-ext").state()).isEqualTo(ItemState.SKIPPED);
        assertThat(report.item("a-ext-up").state()).isEqualTo(ItemState.SKIPPED);
        assertThat(report.item("a-ext-up").detail().orElseThrow()).contains("'a-ext'");
        assertThat(report.item("b").state()).isEqualTo(ItemState.COMPLETED);
        assertThat(report.item("b-up").state()).isEqualTo(ItemState.COMPLETED);
        assertThat(h.fake.jobCount()).isEqualTo(4);
    }

    @Test
    void everyKindOfStepRuns() {
        BatchHarness h = new BatchHarness();
        String video = h.fake.seedCompletedVideoJob().toString();
        String image = h.fake.seedCompletedImageJob().toString();
        Batch batch = Batch.of(
                "kinds",
                List.of(
                        new BatchItem("text", new BatchStep.Generate(TextToVideo.of("a lighthouse"))),
                        new BatchItem(
                                "url",
                                new BatchStep.Generate(ImageToVideo.of("https://cdn.example.com/cat.jpg", "a cat"))),
                        new BatchItem("animate", new BatchStep.Generate(AnimateImage.of(image, 1))),
                        new BatchItem("extend", new BatchStep.Extend(ExtendVideo.of(video, 2))),
                        new BatchItem("upscale", new BatchStep.Upscale(UpscaleVideo.of(video, 3))),
                        new BatchItem("extend-again", BatchStep.After.extend("extend", 0))));

        BatchReport report = h.runToEnd(batch, DEFAULTS);

        assertThat(report.allCompleted()).as(report.toString()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(2 + 6);
        assertThat(h.journal
                        .find(report.item("extend-again").jobId().orElseThrow())
                        .orElseThrow()
                        .extensions())
                .isEqualTo(2);
    }

    @Test
    void cancellingTheRunStopsItAndARerunFinishesIt() {
        BatchHarness h = new BatchHarness();
        Batch batch = BatchHarness.texts("b", 10);
        CompletableFuture<BatchReport> run = h.service().run(batch, DEFAULTS);
        h.time.advance(java.time.Duration.ofMinutes(4));

        run.cancel(false);
        h.time.advance(java.time.Duration.ofHours(1));
        int sentBeforeCancel = h.fake.jobCount();
        BatchReport report = h.runToEnd(batch, DEFAULTS);

        assertThatExceptionOfType(CancellationException.class).isThrownBy(run::join);
        assertThat(sentBeforeCancel).isBetween(6, 9);
        assertThat(report.allCompleted()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(10);
    }

    @Test
    void aBalanceThatRunsOutMidRunStopsTheSendingAtTheFirst402AndARerunFinishes() {
        BatchHarness h = new BatchHarness(b -> b.unlimitedConcurrentJobs());
        Batch batch = BatchHarness.texts("b", 10);
        CompletableFuture<BatchReport> run = h.service().run(batch, DEFAULTS);
        h.time.advance(java.time.Duration.ofSeconds(1));
        // Something else spends the account: room for one more job.
        h.fake.setAvailablePoints(500);

        BatchReport stopped = h.drive(run).join();

        assertThat(h.fake.jobCount())
                .as("six in flight, then one more, then the 402")
                .isEqualTo(7);
        assertThat(stopped.count(ItemState.COMPLETED)).isEqualTo(7);
        assertThat(stopped.count(ItemState.PENDING)).isEqualTo(3);
        assertThat(stopped.items().stream().filter(r -> r.state() == ItemState.PENDING))
                .allSatisfy(r -> assertThat(r.detail())
                        .hasValueSatisfying(d -> assertThat(d)
                                .contains("ran out of points (HTTP 402)")
                                .contains("run the batch again")));
        assertThat(h.watching.accepted).hasSize(7);

        h.fake.setAvailablePoints(100_000);
        BatchReport resumed = h.runToEnd(batch, DEFAULTS);

        assertThat(resumed.allCompleted()).isTrue();
        assertThat(h.fake.jobCount()).isEqualTo(10);
    }

    /** Six items: two generates with follow-ups two deep, one plain generate. */
    private static Batch withFollowUps() {
        return Batch.of(
                "b",
                List.of(
                        new BatchItem("a", new BatchStep.Generate(TextToVideo.of("a"))),
                        new BatchItem("b", new BatchStep.Generate(TextToVideo.of("b"))),
                        new BatchItem("a-ext", BatchStep.After.extend("a", 1)),
                        new BatchItem("b-up", BatchStep.After.upscale("b", 0)),
                        new BatchItem("a-ext-up", BatchStep.After.upscale("a-ext", 2)),
                        new BatchItem("c", new BatchStep.Generate(TextToVideo.of("c")))));
    }
}
