package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.VideoQuality;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of task has a cost, a running time and a set of follow-up actions of its own in the fake, each a row of
 * a table keyed by the kind: a new video kind that borrows an image job's (as a {@code default} branch would give it)
 * fails here, and one without a row does not compile.
 */
class FakeKindCoverageTest {

    // ------------------------------------------------------------------ costs

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKnownKindIsPricedByItsFamily(TaskType.Kind kind) {
        int image = FakeCosts.DEFAULT.of(TaskType.Kind.DIFFUSION);
        if (TaskType.of(kind).isVideo()) {
            assertThat(FakeCosts.DEFAULT.of(kind))
                    .as("a video kind must not get the image price")
                    .isNotEqualTo(image);
        } else {
            assertThat(TaskType.of(kind).isImage())
                    .as(kind + " is neither video nor image")
                    .isTrue();
            assertThat(FakeCosts.DEFAULT.of(kind)).isEqualTo(image).isEqualTo(80);
        }
        assertThat(FakeCosts.DEFAULT.of(TaskType.Kind.VIDEO_DIFFUSION))
                .as("as recorded")
                .isEqualTo(480);
    }

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void eachKindIsARowOfItsOwn(TaskType.Kind kind) {
        FakeCosts changed = FakeCosts.DEFAULT.with(kind, 7);

        for (TaskType.Kind other : TaskType.Kind.values()) {
            if (other == kind) {
                assertThat(changed.of(other)).isEqualTo(7);
            } else if (other != TaskType.Kind.UNKNOWN) {
                assertThat(changed.of(other)).as(other + " kept its price").isEqualTo(FakeCosts.DEFAULT.of(other));
            }
        }
    }

    @Test
    void anUnknownKindHasNoPriceAndNegativePricesAreRefused() {
        assertThatThrownBy(() -> FakeCosts.DEFAULT.of(TaskType.Kind.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kind");
        assertThatThrownBy(() -> FakeCosts.DEFAULT.with(TaskType.Kind.EXTEND_VIDEO, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the cost of EXTEND_VIDEO must be at least 0, was -1");
    }

    // ------------------------------------------------------------------ timings

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKnownKindRunsForTheRangeOfItsFamily(TaskType.Kind kind) {
        FakeTimings.Range image = FakeTimings.DEFAULT.run(TaskType.Kind.DIFFUSION, VideoQuality.DEFAULT);
        for (VideoQuality quality : VideoQuality.values()) {
            FakeTimings.Range run = FakeTimings.DEFAULT.run(kind, quality);
            if (TaskType.of(kind).isVideo()) {
                assertThat(run)
                        .as("a video kind must not run for the image range")
                        .isNotEqualTo(image);
            } else {
                assertThat(run).isEqualTo(image);
            }
        }
    }

    @Test
    void theDefaultsAreTheMeasuredOnes() {
        assertThat(FakeTimings.DEFAULT.run(TaskType.Kind.VIDEO_DIFFUSION, VideoQuality.P480))
                .isEqualTo(FakeTimings.Range.ofMinutes(3, 5));
        assertThat(FakeTimings.DEFAULT.run(TaskType.Kind.VIDEO_DIFFUSION, VideoQuality.P720))
                .isEqualTo(FakeTimings.Range.ofMinutes(5, 8));
        assertThat(FakeTimings.DEFAULT.run(TaskType.Kind.EXTEND_VIDEO, VideoQuality.DEFAULT))
                .isEqualTo(FakeTimings.Range.ofMinutes(3, 5));
        assertThat(FakeTimings.DEFAULT.run(TaskType.Kind.VIDEO_UPSCALE, VideoQuality.DEFAULT))
                .isEqualTo(FakeTimings.Range.ofMinutes(4, 6));
        assertThat(FakeTimings.DEFAULT.pending()).isEqualTo(FakeTimings.Range.ofSeconds(1, 2));
        assertThat(FakeTimings.DEFAULT.staged()).isEqualTo(FakeTimings.Range.ofSeconds(1, 4));
    }

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void eachKindAndQualityIsARowOfItsOwn(TaskType.Kind kind) {
        for (VideoQuality quality : VideoQuality.values()) {
            FakeTimings changed = FakeTimings.DEFAULT.withRun(kind, quality, seconds(7));
            for (TaskType.Kind k : TaskType.Kind.values()) {
                if (k == TaskType.Kind.UNKNOWN) {
                    continue;
                }
                for (VideoQuality q : VideoQuality.values()) {
                    assertThat(changed.run(k, q))
                            .as(k + " at " + q)
                            .isEqualTo(k == kind && q == quality ? seconds(7) : FakeTimings.DEFAULT.run(k, q));
                }
            }
        }
        assertThat(FakeTimings.DEFAULT.withRun(kind, seconds(9)).run(kind, VideoQuality.P720))
                .isEqualTo(seconds(9));
    }

    @Test
    void anUnknownKindHasNoRunningTime() {
        assertThatThrownBy(() -> FakeTimings.DEFAULT.run(TaskType.Kind.UNKNOWN, VideoQuality.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kind");
        assertThatThrownBy(() -> FakeTimings.DEFAULT.withRun(TaskType.Kind.UNKNOWN, seconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kind");
    }

    // ------------------------------------------------------------------ follow-up actions

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKnownKindOffersTheActionsOfItsFamily(TaskType.Kind kind) {
        AvailableActions actions = job(kind).actions();
        if (TaskType.of(kind).isVideo()) {
            assertThat(actions.indexed().keySet())
                    .as("a video kind must not get an image job's actions")
                    .isSubsetOf(AvailableActions.EXTEND, AvailableActions.UPSCALE);
            assertThat(actions.flags()).isEmpty();
        } else {
            assertThat(actions.indexed().keySet()).containsExactlyInAnyOrder(AvailableActions.UPSCALE, "variation");
            assertThat(actions.flags()).containsExactly("reroll");
        }
    }

    @Test
    void everyVideoKindOffersTheActionsOfItsOwn() {
        assertThat(job(TaskType.Kind.VIDEO_DIFFUSION).actions().indexed().keySet())
                .containsExactlyInAnyOrder(AvailableActions.EXTEND, AvailableActions.UPSCALE);
        assertThat(job(TaskType.Kind.EXTEND_VIDEO).actions().indexed().keySet())
                .containsExactlyInAnyOrder(AvailableActions.EXTEND, AvailableActions.UPSCALE);
        assertThat(job(TaskType.Kind.VIDEO_UPSCALE).actions()).isEqualTo(AvailableActions.NONE);
    }

    @Test
    void anUnknownKindHasNoActions() {
        assertThatThrownBy(() -> job(TaskType.Kind.UNKNOWN).actions())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown kind");
    }

    private static FakeJob job(TaskType.Kind kind) {
        return new FakeJob(new UUID(1, 2), kind, 0, 0, 0, 0, 1, 0, false, (byte) 4, (byte) 0, null, null);
    }

    private static FakeTimings.Range seconds(long value) {
        return FakeTimings.Range.exactly(Duration.ofSeconds(value));
    }
}
