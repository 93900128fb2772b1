package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Many threads submitting and polling at once: no job is lost or duplicated and the balance adds up. */
class FakeLegnextConcurrencyTest {

    private static final int THREADS = 8;
    private static final int SUBMITS_PER_THREAD = 2_000;
    private static final int FAILURES = 100;
    private static final long POINTS = 10_000_000;

    @Test
    void concurrentSubmitsAndLookupsLoseAndDuplicateNothing() throws Exception {
        VirtualTime time = new VirtualTime();
        // The clock thread runs virtual time through days: no record may expire, and no submit wait for a slot.
        FakeLegnext legnext = FakeLegnext.builder(time)
                .availablePoints(POINTS)
                .unlimitedConcurrentJobs()
                .jobTtl(Duration.ofDays(365_000))
                .build();
        for (int i = 0; i < FAILURES; i++) {
            legnext.failNextJob(500, "Task failed");
        }
        ConcurrentLinkedQueue<JobId> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean submitting = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
        List<Future<?>> submitters = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                submitters.add(pool.submit(submitter(legnext, accepted, problems, start)));
            }
            Future<?> clock = pool.submit(() -> {
                start.await();
                while (submitting.get()) {
                    time.advance(Duration.ofSeconds(1));
                }
                return null;
            });
            Future<?> auditor = pool.submit(() -> {
                start.await();
                while (submitting.get()) {
                    AccountBalance b = legnext.getBalance();
                    BigDecimal expected = BigDecimal.valueOf(b.availableCredits() + b.availablePoints(), 3);
                    if (b.balanceUsd().compareTo(expected) != 0 || (POINTS - b.availablePoints()) % 480 != 0) {
                        problems.add("inconsistent balance " + b);
                    }
                }
                return null;
            });
            start.countDown();
            for (Future<?> f : submitters) {
                f.get(60, TimeUnit.SECONDS);
            }
            submitting.set(false);
            clock.get(10, TimeUnit.SECONDS);
            auditor.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        time.advance(Duration.ofMinutes(10));

        int total = THREADS * SUBMITS_PER_THREAD;
        Set<JobId> unique = new HashSet<>(accepted);
        assertThat(problems).isEmpty();
        assertThat(accepted).hasSize(total);
        assertThat(unique).hasSize(total);
        assertThat(legnext.jobCount()).isEqualTo(total);
        long failed = unique.stream().map(legnext::getJob).filter(Job::isFailed).count();
        long completed =
                unique.stream().map(legnext::getJob).filter(Job::isCompleted).count();
        assertThat(failed).isEqualTo(FAILURES);
        assertThat(completed).isEqualTo(total - FAILURES);
        assertThat(legnext.getBalance().availablePoints()).isEqualTo(POINTS - (total - FAILURES) * 480L);
    }

    private static Callable<Void> submitter(
            FakeLegnext legnext,
            ConcurrentLinkedQueue<JobId> accepted,
            ConcurrentLinkedQueue<String> problems,
            CountDownLatch start) {
        return () -> {
            start.await();
            List<JobId> mine = new ArrayList<>();
            for (int i = 0; i < SUBMITS_PER_THREAD; i++) {
                Job job = legnext.generate(TextToVideo.of("job " + i));
                accepted.add(job.id());
                mine.add(job.id());
                // Poll one of our own jobs, and one anybody's.
                JobId own = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                if (!legnext.getJob(own).id().equals(own)) {
                    problems.add("lookup of " + own + " answered another job");
                }
                JobId any = accepted.peek();
                if (any != null && !legnext.getJob(any).id().equals(any)) {
                    problems.add("lookup of " + any + " answered another job");
                }
            }
            return null;
        };
    }
}
