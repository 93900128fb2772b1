package io.legnext.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.time.ExecutorScheduler;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.PollingPolicy;
import io.legnext.core.wait.WaitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The waiter on a real, accelerated scheduler: blocking waits, and many waits sharing two threads. */
class JobWaiterOnExecutorTest {

    /** 10,000 scheduler seconds per real second: a 200 s job takes 20 ms. */
    private static final double SPEED = 10_000;

    private final ExecutorScheduler scheduler = ExecutorScheduler.create(2, SPEED);
    private final ScriptedJobQuery query = new ScriptedJobQuery(scheduler.clock());
    private final JobWaiter waiter = new JobWaiter(query, scheduler, PollingPolicy.defaults());

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void awaitBlocksUntilTheJobCompletes() throws InterruptedException {
        JobId id = JobId.random();
        query.add(
                id,
                TaskType.Kind.VIDEO_DIFFUSION,
                scheduler.clock().instant(),
                Duration.ofSeconds(200),
                JobStatus.COMPLETED);

        Job job = waiter.await(id, WaitOptions.defaults());

        assertThat(job.isCompleted()).isTrue();
    }

    @Test
    void awaitThrowsTheJobFailureDirectly() {
        JobId id = JobId.random();
        query.add(
                id,
                TaskType.Kind.VIDEO_DIFFUSION,
                scheduler.clock().instant(),
                Duration.ofSeconds(200),
                JobStatus.FAILED);

        assertThatThrownBy(() -> waiter.await(id, WaitOptions.defaults()))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Sensitive content detected");
    }

    @Test
    void aThousandWaitsShareTheSchedulersTwoThreads() throws Exception {
        int before = Thread.activeCount();
        Instant now = scheduler.clock().instant();
        List<CompletableFuture<Job>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            JobId id = JobId.random();
            query.add(id, TaskType.Kind.VIDEO_DIFFUSION, now, Duration.ofSeconds(150 + i % 200), JobStatus.COMPLETED);
            futures.add(waiter.waitFor(id, WaitOptions.defaults()));
        }
        int during = Thread.activeCount();

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(futures).allSatisfy(f -> assertThat(f.join().isCompleted()).isTrue());
        assertThat(during - before).isLessThanOrEqualTo(2);
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().equals("legnext-scheduler"))
                .hasSizeLessThanOrEqualTo(2);
        assertThat(waiter.activeWaits()).isZero();
    }
}
