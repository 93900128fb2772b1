package io.legnext.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServiceUnavailableExceptionTest {

    @Test
    void submitThatMayHaveReachedTheServiceWarnsNotToResendBlindly() {
        ServiceUnavailableException e =
                new ServiceUnavailableException("Submitting a video-diffusion job timed out.", null, null, true, null);

        assertThat(e.submitMayHaveReachedService()).isTrue();
        assertThat(e)
                .hasMessageStartingWith("Submitting a video-diffusion job timed out. ")
                .hasMessageContaining("may have been created")
                .hasMessageContaining("do not submit it again blindly");
    }

    @Test
    void requestThatCreatedNothingAddsNoAdvice() {
        ServiceUnavailableException e =
                new ServiceUnavailableException("Reading job x failed: HTTP 502.", 502, "Bad gateway", false, null);

        assertThat(e.submitMayHaveReachedService()).isFalse();
        assertThat(e).hasMessage("Reading job x failed: HTTP 502.");
        assertThat(e.getMessage()).doesNotContain("may have been created");
    }

    @Test
    void keepsStatusBodyAndCauseOfAResponse() {
        ServiceUnavailableException e =
                new ServiceUnavailableException("failed", 503, "down for maintenance", true, null);

        assertThat(e.httpStatus()).hasValue(503);
        assertThat(e.rawBody()).contains("down for maintenance");
    }

    @Test
    void hasNoStatusOrBodyWithoutAResponse() {
        IOException cause = new IOException("connection reset");

        ServiceUnavailableException e = new ServiceUnavailableException("failed", null, null, false, cause);

        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.rawBody()).isEmpty();
        assertThat(e).hasCause(cause);
    }
}
