package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.request.TextToVideo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readying a submit loads what reading its answer needs, and sends nothing. */
class PrepareSubmitTest {

    @BeforeEach
    void reset() {
        StubLegnext.reset();
    }

    @Test
    void readyingASubmitSendsNothing() {
        LegnextHttpAdapter adapter = StubLegnext.adapter().build();

        adapter.prepareSubmit();
        adapter.prepareSubmit();

        assertThat(StubLegnext.requests()).isEmpty();
    }

    @Test
    void theSubmitAfterwardsReadsItsOwnAnswer() {
        LegnextHttpAdapter adapter = StubLegnext.adapter().build();
        JobId id = JobId.random();
        StubLegnext.stub(post("/api/v1/video-diffusion")
                .willReturn(json(200, Payloads.pending(id.toString(), "video_diffusion"))));

        adapter.prepareSubmit();
        Job accepted = adapter.generate(TextToVideo.of("https://example.com/cat.jpg a cat walks"));

        assertThat(accepted.id()).isEqualTo(id);
        assertThat(StubLegnext.requests()).hasSize(1);
    }
}
