package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.time.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fake holds 100,000 jobs in a test's heap: it stores a small record per job and computes the rest. */
class FakeLegnextFootprintTest {

    private static final int JOBS = 100_000;
    /** Far above the measured figure (about 140 bytes): only a gross regression trips it. */
    private static final long MAX_BYTES_PER_JOB = 2048;

    @Test
    void aHundredThousandJobsFitInASmallHeap() {
        VirtualTime time = new VirtualTime();
        TextToVideo request = TextToVideo.of("a lighthouse at dusk");
        long before = usedHeapAfterGc();

        FakeLegnext legnext = FakeLegnext.builder(time)
                .seed(1)
                .availablePoints(JOBS * 480L)
                .unlimitedConcurrentJobs()
                .build();
        JobId last = null;
        for (int i = 0; i < JOBS; i++) {
            last = legnext.generate(request).id();
        }
        long after = usedHeapAfterGc();
        time.advance(Duration.ofMinutes(10));

        long perJob = (after - before) / JOBS;
        System.out.printf(
                "FakeLegnext footprint: %d jobs, %d bytes retained, %d bytes per job%n", JOBS, after - before, perJob);
        assertThat(legnext.jobCount()).isEqualTo(JOBS);
        assertThat(legnext.getJob(last).isCompleted()).isTrue();
        assertThat(perJob).isLessThan(MAX_BYTES_PER_JOB);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Several collections: the smallest reading is the live set.
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
