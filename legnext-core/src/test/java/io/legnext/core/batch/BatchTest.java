package io.legnext.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.TestJobs;
import io.legnext.core.request.Prompt;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.wait.WaitOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole batch is checked when it is made: every error names the item's index and field. */
class BatchTest {

    private static BatchItem text(String key) {
        return new BatchItem(key, new BatchStep.Generate(TextToVideo.of("shot " + key)));
    }

    private static InvalidRequestException refused(List<BatchItem> items) {
        try {
            Batch.of("b", items);
        } catch (InvalidRequestException e) {
            return e;
        }
        throw new AssertionError("the batch was accepted");
    }

    @Test
    void aValidBatchKeepsItsOrderAndOrigins() {
        Batch batch = Batch.of("b", List.of(text("a"), new BatchItem("a-up", BatchStep.After.upscale("a", 0))));

        assertThat(batch.items()).extracting(BatchItem::key).containsExactly("a", "a-up");
        assertThat(batch.indexOf("a-up")).contains(1);
        assertThat(batch.originOf("a-up")).isEqualTo("b/a-up");
    }

    @Test
    void aDuplicateKeyNamesBothItems() {
        InvalidRequestException e = refused(List.of(text("a"), text("b"), text("a")));

        assertThat(e.field()).isEqualTo("items[2].key");
        assertThat(e.bound()).contains("items[0]");
        assertThat(e.value()).isEqualTo("a");
        assertThat(e.getMessage()).contains("Nothing was sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " a", "a/b"})
    void aKeyMustBeANameWithoutSlash(String key) {
        InvalidRequestException e = refused(List.of(text("ok"), text(key)));

        assertThat(e.field()).isEqualTo("items[1].key");
    }

    @Test
    void aMissingKeyIsNamed() {
        assertThat(refused(List.of(text("a"), text(null))).field()).isEqualTo("items[1].key");
    }

    @Test
    void aFollowUpOfAnUnknownItemIsRefused() {
        InvalidRequestException e = refused(
                List.of(text("a"), text("b"), text("c"), new BatchItem("d", BatchStep.After.extend("nope", 0))));

        assertThat(e.field()).isEqualTo("items[3].after");
        assertThat(e.value()).isEqualTo("nope");
    }

    @Test
    void aFollowUpOfALaterItemOrItselfIsRefused() {
        assertThat(refused(List.of(new BatchItem("a", BatchStep.After.upscale("b", 0)), text("b")))
                        .field())
                .isEqualTo("items[0].after");
        assertThat(refused(List.of(text("x"), new BatchItem("a", BatchStep.After.upscale("a", 0))))
                        .field())
                .isEqualTo("items[1].after");
    }

    @Test
    void aFollowUpOfAnUpscaleIsRefusedForItYieldsNoVideosToChooseFrom() {
        InvalidRequestException e = refused(List.of(
                text("a"),
                new BatchItem("a-up", BatchStep.After.upscale("a", 0)),
                new BatchItem("a-up-ext", BatchStep.After.extend("a-up", 0))));

        assertThat(e.field()).isEqualTo("items[2].after");
        assertThat(e.bound()).contains("yields videos").contains("items[1]");
        assertThat(refused(List.of(
                                new BatchItem(
                                        "u", new BatchStep.Upscale(UpscaleVideo.of(TestJobs.VIDEO_JOB.toString(), 0))),
                                new BatchItem("u-up", BatchStep.After.upscale("u", 0))))
                        .field())
                .isEqualTo("items[1].after");
    }

    @Test
    void aFollowUpOfAFollowUpThatExtendsIsFine() {
        Batch batch = Batch.of(
                "b",
                List.of(
                        text("a"),
                        new BatchItem("a-ext", BatchStep.After.extend("a", 3).withPrompt(Prompt.of("and on"))),
                        new BatchItem("a-ext-up", BatchStep.After.upscale("a-ext", 1))));

        assertThat(batch.items().get(2).step().kind()).isEqualTo(TaskType.Kind.VIDEO_UPSCALE);
    }

    @Test
    void anUpscaleTakesNoPromptAndAVideoIndexIsInRange() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> BatchStep.After.upscale("a", 0).withPrompt(Prompt.of("no")))
                .satisfies(e -> assertThat(e.field()).isEqualTo("prompt"));
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> BatchStep.After.extend("a", 4))
                .satisfies(e -> assertThat(e.field()).isEqualTo("videoNo"));
    }

    @Test
    void aBatchHasOneToTenThousandItemsAndAnId() {
        assertThat(refused(List.of()).field()).isEqualTo("items");
        List<BatchItem> tooMany = new ArrayList<>(Collections.nCopies(Batch.MAX_ITEMS + 1, text("a")));
        assertThat(refused(tooMany).bound()).contains("10000");
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> Batch.of(" ", List.of(text("a"))))
                .satisfies(e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void optionsAndCostsNameTheirBounds() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> BatchOptions.defaults().withMaxInFlight(0))
                .withMessageContaining("'maxInFlight' must be between 1 and 1000, was 0");
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> BatchCosts.defaults().with(TaskType.Kind.EXTEND_VIDEO, -1))
                .satisfies(e -> assertThat(e.field()).isEqualTo("costs.extend_video"));
        assertThat(BatchOptions.defaults().maxInFlight()).isEqualTo(6);
        assertThat(BatchOptions.defaults().waitOptions()).isEqualTo(WaitOptions.defaults());
        assertThat(BatchCosts.defaults().of(TaskType.Kind.VIDEO_UPSCALE)).isEqualTo(480);
    }
}
