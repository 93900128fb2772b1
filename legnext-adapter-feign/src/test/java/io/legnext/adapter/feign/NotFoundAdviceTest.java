package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.NotFoundException;
import io.legnext.core.job.JobId;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 404 is advised on by what was attempted: a lookup names an unknown or expired job; a submit or the balance
 * names a path the service does not have, so the base URL (shown without credentials) is what to check.
 */
class NotFoundAdviceTest {

    private static final String JOB = "8201cd3e-1234-4d5e-9f00-0123456789ab";

    private URI base;
    private LegnextHttpAdapter adapter;

    @BeforeEach
    void everyPathIsUnknown() {
        StubLegnext.reset();
        StubLegnext.stub(any(anyUrl()).willReturn(json(404, "404 page not found")));
        base = URI.create(StubLegnext.baseUri() + "/wrong-prefix");
        adapter = StubLegnext.adapter().baseUri(base).build();
    }

    @Test
    void aLookupOfAJobKeepsTheJobIdAdvice() {
        assertThatThrownBy(() -> adapter.getJob(JobId.parse(JOB)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageEndingWith(NotFoundException.ADVICE);
    }

    @Test
    void aSubmitSaysThePathWasNotFoundAndToCheckTheBaseUrl() {
        assertThatThrownBy(() -> adapter.generate(TextToVideo.of("a harbour at night")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageEndingWith("The path was not found at the service: check the base URL, " + base + ".")
                .hasMessageNotContaining("Check the job id");
    }

    @Test
    void theBalanceSaysThePathWasNotFoundAndToCheckTheBaseUrl() {
        assertThatThrownBy(adapter::getBalance)
                .isInstanceOf(NotFoundException.class)
                .hasMessageEndingWith("The path was not found at the service: check the base URL, " + base + ".")
                .hasMessageNotContaining("Check the job id");
    }

    @Test
    void aSubmitNamingAJobMayMeanTheJobOrThePath() {
        assertThatThrownBy(() -> adapter.extend(ExtendVideo.of(JOB, 0)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("the job it names is unknown to the service (check the job id")
                .hasMessageContaining("check the base URL, " + base);
        assertThatThrownBy(() -> adapter.generate(AnimateImage.of(JOB, 1)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("check the job id")
                .hasMessageContaining("check the base URL");
    }
}
