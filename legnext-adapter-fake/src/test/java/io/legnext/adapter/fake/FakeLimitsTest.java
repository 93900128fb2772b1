package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.time.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's limits, in virtual time: about 6 jobs processing per account, and job records that expire. */
class FakeLimitsTest {

    /** Pending 1 s, staged 1 s, processing 5 min: a job processes from 2 s to 5 min 2 s after its submit. */
    private static final FakeTimings TIMINGS = FakeTimings.fixed(Duration.ofSeconds(1))
            .withVideoDiffusion(
                    FakeTimings.Range.exactly(Duration.ofMinutes(5)), FakeTimings.Range.exactly(Duration.ofMinutes(5)))
            .withExtendVideo(FakeTimings.Range.exactly(Duration.ofMinutes(5)));

    private static final Duration FREES = Duration.ofMinutes(5).plusSeconds(2);

    private final VirtualTime time = new VirtualTime();
    private final Instant start = time.now();

    @TempDir
    Path dir;

    private List<Job> submit(FakeLegnext legnext, int n) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(legnext.generate(TextToVideo.of("job " + i)));
        }
        return jobs;
    }

    private JobStatus.State state(FakeLegnext legnext, Job job) {
        return legnext.getJob(job.id()).status().state();
    }

    @Test
    void aSeventhConcurrentJobStaysPendingUntilASlotFrees() {
        FakeLegnext legnext = FakeLegnext.builder(time).timings(TIMINGS).build();
        List<Job> jobs = submit(legnext, 7);
        Job seventh = jobs.get(6);

        time.advance(Duration.ofSeconds(3));
        assertThat(jobs.subList(0, 6))
                .allSatisfy(j -> assertThat(state(legnext, j)).isEqualTo(JobStatus.State.PROCESSING));
        assertThat(state(legnext, seventh)).isEqualTo(JobStatus.State.PENDING);

        time.advance(Duration.between(time.now(), start.plus(FREES).minusSeconds(2)));
        assertThat(state(legnext, seventh)).as("still waiting for a slot").isEqualTo(JobStatus.State.PENDING);

        time.advance(Duration.ofSeconds(2));
        assertThat(state(legnext, jobs.get(0))).isEqualTo(JobStatus.State.COMPLETED);
        Job running = legnext.getJob(seventh.id());
        assertThat(running.status().state()).isEqualTo(JobStatus.State.PROCESSING);
        assertThat(running.startedAt()).contains(start.plus(FREES));

        time.advance(Duration.ofMinutes(5));
        assertThat(legnext.getJob(seventh.id()).isCompleted()).isTrue();
    }

    @Test
    void theLimitIsConfigurableAndSharedByInstancesOverOneStore() {
        FakeLegnext a = FakeLegnext.builder(time)
                .timings(TIMINGS)
                .maxConcurrentJobs(2)
                .persistentIn(dir)
                .build();
        FakeLegnext b = FakeLegnext.builder(time)
                .timings(TIMINGS)
                .maxConcurrentJobs(2)
                .persistentIn(dir)
                .build();
        submit(a, 2);
        Job third = b.generate(TextToVideo.of("a third one"));

        time.advance(Duration.ofMinutes(5));
        assertThat(state(a, third)).isEqualTo(JobStatus.State.PENDING);
        time.advance(Duration.ofSeconds(2));
        assertThat(state(a, third)).isEqualTo(JobStatus.State.PROCESSING);
    }

    @Test
    void inRejectModeTheSeventhIsRefusedWith429AndARetryAfterOfWhenTheEarliestSlotFrees() {
        FakeLegnext legnext =
                FakeLegnext.builder(time).timings(TIMINGS).rejectWhenBusy(true).build();
        submit(legnext, 6);
        time.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> legnext.generate(TextToVideo.of("one too many")))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(429);
                    assertThat(e.retryAfter()).contains(FREES.minusMinutes(1));
                    assertThat(e.getMessage())
                            .contains("the account already runs 6 jobs")
                            .contains("Retry after 242 s");
                });
        assertThat(legnext.jobCount()).isEqualTo(6);

        time.advance(FREES.minusMinutes(1));
        assertThat(legnext.generate(TextToVideo.of("now there is room")).id()).isNotNull();
    }

    @Test
    void anExpiredJobIsAnsweredAsAnUnknownOneAndSoAreFollowUpsOnIt() {
        FakeLegnext legnext = FakeLegnext.builder(time)
                .timings(TIMINGS)
                .jobTtl(Duration.ofHours(1))
                .build();
        JobId id = legnext.generate(TextToVideo.of("a cat walks")).id();

        time.advance(Duration.ofMinutes(59));
        assertThat(legnext.getJob(id).isCompleted()).isTrue();

        time.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> legnext.getJob(id))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.httpStatus()).hasValue(404));
        assertThatThrownBy(() -> legnext.extend(ExtendVideo.of(id.toString(), 0)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> legnext.upscale(UpscaleVideo.of(id.toString(), 0)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void byDefaultARecordExpiresThreeDaysOfServiceTimeAfterItsSubmit() {
        FakeLegnext legnext = FakeLegnext.builder(time).build();
        JobId id = legnext.generate(TextToVideo.of("a cat walks")).id();

        time.advance(FakeLegnext.DEFAULT_JOB_TTL.minusMillis(1));
        assertThat(legnext.getJob(id).isCompleted()).isTrue();
        time.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> legnext.getJob(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void badLimitsAreRefusedNamingTheFieldTheBoundAndTheValue() {
        FakeLegnext.Builder b = FakeLegnext.builder(time);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.maxConcurrentJobs(0))
                .withMessage("'maxConcurrentJobs' must be between 1 and 10000, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.jobTtl(Duration.ofMillis(10)))
                .withMessage("'jobTtl' must be at least 1 second, was PT0.01S");
    }
}
