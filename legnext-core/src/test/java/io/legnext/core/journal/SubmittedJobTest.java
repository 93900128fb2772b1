package io.legnext.core.journal;

import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.job.TaskType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmittedJobTest {

    private static final TaskType EXTEND = TaskType.of(TaskType.Kind.EXTEND_VIDEO);
    private static final Instant NOW = Instant.parse("2025-10-21T10:51:46Z");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void acceptsZeroToFourExtensions(int extensions) {
        assertThat(new SubmittedJob(VIDEO_JOB, EXTEND, Optional.empty(), Optional.empty(), extensions, NOW)
                        .extensions())
                .isEqualTo(extensions);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 5})
    void rejectsExtensionsOutsideZeroToFour(int extensions) {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new SubmittedJob(VIDEO_JOB, EXTEND, Optional.empty(), Optional.empty(), extensions, NOW))
                .withMessage("'extensions' must be between 0 and 4, was " + extensions);
    }

    @Test
    void turnsAbsentSourceAndIndexIntoEmpty() {
        SubmittedJob job = new SubmittedJob(VIDEO_JOB, EXTEND, null, null, 0, NOW);

        assertThat(job.source()).isEmpty();
        assertThat(job.index()).isEmpty();
    }

    @Test
    void anOriginIsOptionalAndNeverBlank() {
        assertThat(new SubmittedJob(VIDEO_JOB, EXTEND, null, null, 0, NOW).origin())
                .isEmpty();
        assertThat(new SubmittedJob(VIDEO_JOB, EXTEND, null, null, 0, NOW, Optional.of("b/k")).origin())
                .contains("b/k");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SubmittedJob(VIDEO_JOB, EXTEND, null, null, 0, NOW, Optional.of(" ")))
                .withMessageContaining("'origin' must be 1-512 characters and not blank");
    }
}
