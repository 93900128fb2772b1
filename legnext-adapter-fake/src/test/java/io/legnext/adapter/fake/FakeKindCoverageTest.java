package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.TaskType;
import io.legnext.core.request.VideoQuality;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of task has a cost, a running time and a set of follow-up actions of its own in the fake: a new kind
 * that falls back to the image job's (as a {@code default} branch would give it) fails here.
 */
class FakeKindCoverageTest {

    /** A price per field, none equal: a kind that borrows another's price shows. */
    private static final FakeCosts COSTS = new FakeCosts(101, 102, 103, 7);
    /** A range per field, none equal: a kind that borrows another's range shows. */
    private static final FakeTimings TIMINGS = new FakeTimings(seconds(1), seconds(2), seconds(3), seconds(4),
            seconds(5), seconds(6), seconds(7));

    private static final Set<TaskType.Kind> VIDEO_KINDS = Arrays.stream(TaskType.Kind.values())
            .filter(k -> k != TaskType.Kind.UNKNOWN && TaskType.of(k).isVideo())
            .collect(Collectors.toUnmodifiableSet());

    // ------------------------------------------------------------------ costs

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKnownKindIsPricedByItsFamily(TaskType.Kind kind) {
        if (TaskType.of(kind).isVideo()) {
            assertThat(COSTS.of(kind)).as("a video kind must not get the image price").isNotEqualTo(COSTS.image());
        } else {
            assertThat(TaskType.of(kind).isImage()).as(kind + " is neither video nor image").isTrue();
            assertThat(COSTS.of(kind)).isEqualTo(COSTS.image());
        }
    }

    @Test
    void everyVideoKindHasAPriceOfItsOwn() {
        assertThat(VIDEO_KINDS.stream().map(COSTS::of).collect(Collectors.toSet())).hasSameSizeAs(VIDEO_KINDS);
        assertThat(COSTS.of(TaskType.Kind.VIDEO_DIFFUSION)).isEqualTo(COSTS.videoDiffusion());
        assertThat(COSTS.of(TaskType.Kind.EXTEND_VIDEO)).isEqualTo(COSTS.extendVideo());
        assertThat(COSTS.of(TaskType.Kind.VIDEO_UPSCALE)).isEqualTo(COSTS.videoUpscale());
    }

    @Test
    void anUnknownKindIsPricedAsAnImageJob() {
        assertThat(COSTS.of(TaskType.Kind.UNKNOWN)).isEqualTo(COSTS.image());
    }

    // ------------------------------------------------------------------ timings

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKnownKindRunsForTheRangeOfItsFamily(TaskType.Kind kind) {
        for (VideoQuality quality : VideoQuality.values()) {
            FakeTimings.Range run = TIMINGS.run(kind, quality);
            if (TaskType.of(kind).isVideo()) {
                assertThat(run).as("a video kind must not run for the image range").isNotEqualTo(TIMINGS.image());
            } else {
                assertThat(run).isEqualTo(TIMINGS.image());
            }
        }
    }

    @Test
    void everyVideoKindAndQualityRunsForARangeOfItsOwn() {
        Set<FakeTimings.Range> ranges = VIDEO_KINDS.stream()
                .flatMap(k -> Arrays.stream(VideoQuality.values()).map(q -> TIMINGS.run(k, q)))
                .collect(Collectors.toSet());
        // Video diffusion has one range per quality; the other video kinds one each.
        assertThat(ranges).hasSize(VIDEO_KINDS.size() - 1 + VideoQuality.values().length);
        for (VideoQuality quality : VideoQuality.values()) {
            assertThat(TIMINGS.run(TaskType.Kind.VIDEO_DIFFUSION, quality)).isEqualTo(TIMINGS.videoDiffusion(quality));
        }
        assertThat(TIMINGS.videoDiffusion(VideoQuality.P480)).isEqualTo(TIMINGS.videoDiffusion480p());
        assertThat(TIMINGS.videoDiffusion(VideoQuality.P720)).isEqualTo(TIMINGS.videoDiffusion720p());
        assertThat(TIMINGS.run(TaskType.Kind.EXTEND_VIDEO, VideoQuality.DEFAULT)).isEqualTo(TIMINGS.extendVideo());
        assertThat(TIMINGS.run(TaskType.Kind.VIDEO_UPSCALE, VideoQuality.DEFAULT)).isEqualTo(TIMINGS.videoUpscale());
    }

    @Test
    void anUnknownKindHasNoRunningTime() {
        assertThatThrownBy(() -> TIMINGS.run(TaskType.Kind.UNKNOWN, VideoQuality.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown kind");
    }

    // ------------------------------------------------------------------ follow-up actions

    @ParameterizedTest
    @EnumSource(value = TaskType.Kind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKnownKindOffersTheActionsOfItsFamily(TaskType.Kind kind) {
        AvailableActions actions = job(kind).actions();
        if (TaskType.of(kind).isVideo()) {
            assertThat(actions.indexed().keySet()).as("a video kind must not get an image job's actions")
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
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown kind");
    }

    private static FakeJob job(TaskType.Kind kind) {
        return new FakeJob(new UUID(1, 2), kind, 0, 0, 0, 0, 1, 0, false, (byte) 4, (byte) 0, null, null);
    }

    private static FakeTimings.Range seconds(long value) {
        return FakeTimings.Range.exactly(Duration.ofSeconds(value));
    }
}
