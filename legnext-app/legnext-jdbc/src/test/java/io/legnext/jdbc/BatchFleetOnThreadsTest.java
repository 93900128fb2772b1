package io.legnext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.core.batch.Batch;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchOptions;
import io.legnext.core.batch.BatchReport;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.request.VideoDiffusion;
import io.legnext.core.service.BatchService;
import io.legnext.core.service.JobWaiter;
import io.legnext.core.service.VideoJobService;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two-runner race with real threads: each runner's turns run on a real scheduler (sped up), so their claims
 * reach PostgreSQL at the same moments. Only counts and states are asserted; the time-out is a safety net, and the
 * waits may take a virtual day, so a busy machine only makes the run slower.
 */
class BatchFleetOnThreadsTest {

    private static final BatchOptions SIX = BatchOptions.defaults()
            .withMaxInFlight(6)
            .withWaitOptions(WaitOptions.defaults().withTimeout(Duration.ofDays(1)));

    private final ExecutorScheduler scheduler = ExecutorScheduler.create(4, 200);
    private final FakeLegnext fake =
            FakeLegnext.builder(scheduler).seed(11).unlimitedConcurrentJobs().build();
    private final DataSource database = TestPostgres.freshDatabase();
    private final List<JobId> posts = new ArrayList<>();
    private final List<Runner> runners = new ArrayList<>();
    private int mostUnfinished;

    @AfterEach
    void close() {
        runners.forEach(r -> r.store.close());
        scheduler.close();
    }

    private final class Runner implements VideoGenerationPort {
        final JdbcBatchStore store = new JdbcBatchStore(database);
        final JdbcJobJournal journal = new JdbcJobJournal(database);
        int submits;

        Runner() {
            runners.add(this);
        }

        CompletableFuture<BatchReport> run(Batch batch) {
            VideoJobService videos = new VideoJobService(this, fake, journal, scheduler.clock());
            JobWaiter waiter = new JobWaiter(fake, scheduler, PollingPolicy.defaults(), () -> 0.5);
            return new BatchService(videos, waiter, fake, journal, store, scheduler).run(batch, SIX);
        }

        private Job send(Supplier<Job> submit) {
            Job job;
            synchronized (posts) {
                // Held across the POST: what is unfinished at the service is counted with no submit between.
                int unfinished = (int) posts.stream()
                        .filter(id -> !fake.getJob(id).isTerminal())
                        .count();
                job = submit.get();
                posts.add(job.id());
                mostUnfinished = Math.max(mostUnfinished, unfinished + 1);
            }
            submits++;
            return job;
        }

        @Override
        public Job generate(VideoDiffusion request) {
            return send(() -> fake.generate(request));
        }

        @Override
        public Job extend(ExtendVideo request) {
            return send(() -> fake.extend(request));
        }

        @Override
        public Job upscale(UpscaleVideo request) {
            return send(() -> fake.upscale(request));
        }
    }

    @Test
    void twoRunnersOnRealThreadsSendEachItemOnceAndNeverPassTheLimitTogether() throws Exception {
        Batch batch = Batch.of(
                "threads-30",
                IntStream.range(0, 30)
                        .mapToObj(i -> new BatchItem("v" + i, new BatchStep.Generate(TextToVideo.of("shot " + i))))
                        .toList());
        Runner a = new Runner();
        Runner b = new Runner();

        CompletableFuture<BatchReport> ra = a.run(batch);
        CompletableFuture<BatchReport> rb = b.run(batch);
        BatchReport reportA = ra.get(5, TimeUnit.MINUTES);
        BatchReport reportB = rb.get(5, TimeUnit.MINUTES);

        assertThat(reportA.allCompleted()).as(reportA.toString()).isTrue();
        assertThat(reportB.allCompleted()).as(reportB.toString()).isTrue();
        synchronized (posts) {
            assertThat(fake.jobCount()).as("POSTs that reached the service").isEqualTo(30);
            assertThat(posts).hasSize(30).doesNotHaveDuplicates();
            assertThat(mostUnfinished)
                    .as("unfinished at the service at any submit")
                    .isBetween(1, 6);
        }
        assertThat(a.submits + b.submits).isEqualTo(30);
        assertThat(reportA.items()).isEqualTo(reportB.items());
    }
}
