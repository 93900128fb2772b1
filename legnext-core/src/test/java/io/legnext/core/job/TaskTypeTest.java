package io.legnext.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.job.TaskType.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTypeTest {

    @ParameterizedTest
    @CsvSource({
        "video_diffusion, VIDEO_DIFFUSION",
        "video-diffusion, VIDEO_DIFFUSION",
        "VIDEO_DIFFUSION, VIDEO_DIFFUSION",
        "extend_video, EXTEND_VIDEO",
        "extend-video, EXTEND_VIDEO",
        "video_upscale, VIDEO_UPSCALE",
        "video-upscale, VIDEO_UPSCALE",
        "diffusion, DIFFUSION",
        "variation, VARIATION",
        "upscale, UPSCALE",
        "reroll, REROLL",
        "blend, BLEND",
        "pan, PAN",
        "outpaint, OUTPAINT",
        "inpaint, INPAINT",
        "remix, REMIX"
    })
    void recognisesBothSpellingsOfEveryKnownKind(String wire, Kind expected) {
        assertThat(TaskType.of(wire).kind()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"video-diffusion", "Video_Diffusion", "video_diffusion"})
    void readsEverySpellingOfAKnownKindAsOneEqualTaskType(String wire) {
        assertThat(TaskType.of(wire)).isEqualTo(TaskType.of(TaskType.Kind.VIDEO_DIFFUSION));
        assertThat(TaskType.of(wire).wireName()).isEqualTo("video_diffusion");
    }

    @Test
    void showsKnownKindInThePayloadSpellingWhicheverSpellingCame() {
        assertThat(TaskType.of("video-diffusion")).hasToString("video_diffusion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"describe", "video_remaster", "shorten"})
    void keepsUnknownValueWithItsWireName(String wire) {
        TaskType type = TaskType.of(wire);

        assertThat(type.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(type.wireName()).isEqualTo(wire);
        assertThat(type).hasToString(wire);
    }

    @Test
    void treatsAbsentValueAsUnknownWithEmptyWireName() {
        assertThat(TaskType.of((String) null)).isEqualTo(new TaskType(Kind.UNKNOWN, ""));
    }

    @Test
    void unknownIsNeitherVideoNorImage() {
        TaskType type = TaskType.of("describe");

        assertThat(type.isVideo()).isFalse();
        assertThat(type.isImage()).isFalse();
        assertThat(type.yieldsVideoVariants()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"VIDEO_DIFFUSION", "EXTEND_VIDEO", "VIDEO_UPSCALE"})
    void videoKindsAreVideoAndNotImage(Kind kind) {
        assertThat(TaskType.of(kind).isVideo()).isTrue();
        assertThat(TaskType.of(kind).isImage()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"DIFFUSION", "VARIATION", "UPSCALE", "REROLL", "BLEND", "PAN", "OUTPAINT", "INPAINT", "REMIX"})
    void imageKindsAreImageAndNotVideo(Kind kind) {
        assertThat(TaskType.of(kind).isImage()).isTrue();
        assertThat(TaskType.of(kind).isVideo()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"VIDEO_DIFFUSION", "EXTEND_VIDEO"})
    void diffusionAndExtensionYieldVideoVariants(Kind kind) {
        assertThat(TaskType.of(kind).yieldsVideoVariants()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"VIDEO_UPSCALE", "DIFFUSION", "UPSCALE"})
    void otherKindsYieldNoVideoVariants(Kind kind) {
        assertThat(TaskType.of(kind).yieldsVideoVariants()).isFalse();
    }

    @Test
    void kindUsesThePayloadSpelling() {
        assertThat(TaskType.of(Kind.EXTEND_VIDEO).wireName()).isEqualTo("extend_video");
        assertThat(TaskType.of(Kind.VIDEO_UPSCALE).wireName()).isEqualTo("video_upscale");
    }

    @Test
    void refusesUnknownKindWithoutWireName() {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskType.of(Kind.UNKNOWN));
    }
}
