package io.legnext.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.job.JobStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JobStatusTest {

    @ParameterizedTest
    @CsvSource({
        "pending, PENDING",
        "staged, STAGED",
        "processing, PROCESSING",
        "completed, COMPLETED",
        "failed, FAILED",
        "COMPLETED, COMPLETED",
        "' Failed ', FAILED"
    })
    void recognisesKnownStatusInAnyCase(String wire, State expected) {
        assertThat(JobStatus.of(wire).state()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "failed"})
    void completedAndFailedAreTerminal(String wire) {
        assertThat(JobStatus.of(wire).isTerminal()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending", "staged", "processing"})
    void runningStatusesAreNotTerminal(String wire) {
        assertThat(JobStatus.of(wire).isTerminal()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"queued", "cancelled", "moderating"})
    void keepsUnknownStatusAsNotTerminal(String wire) {
        JobStatus status = JobStatus.of(wire);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.isTerminal()).isFalse();
        assertThat(status.wireName()).isEqualTo(wire);
        assertThat(status).hasToString(wire);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void treatsAbsentStatusAsUnknown(String wire) {
        JobStatus status = JobStatus.of(wire);

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.wireName()).isEmpty();
    }

    @Test
    void readsAKnownStatusInAnyCaseAsTheCanonicalStatus() {
        JobStatus status = JobStatus.of("COMPLETED");

        assertThat(status).isEqualTo(JobStatus.COMPLETED);
        assertThat(status.wireName()).isEqualTo("completed");
        assertThat(status).hasToString("completed");
    }

    @Test
    void constantsUseTheServiceSpelling() {
        assertThat(JobStatus.PROCESSING)
                .isEqualTo(JobStatus.of("processing"))
                .isEqualTo(new JobStatus(State.PROCESSING, "processing"));
    }

    @Test
    void refusesUnknownStateWithoutWireName() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobStatus.of(State.UNKNOWN));
    }
}
