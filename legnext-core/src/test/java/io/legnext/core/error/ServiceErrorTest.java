package io.legnext.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceErrorTest {

    @Test
    void describesStatusAndMessage() {
        ServiceError error = new ServiceError(401, 401, "Failed to verify api key", "", "{}");

        assertThat(error.describe()).isEqualTo("HTTP 401: Failed to verify api key");
    }

    @Test
    void addsTheRawMessageWhenItSaysMore() {
        ServiceError error = new ServiceError(400, 400, "Invalid request parameters", "videoNo must be <= 3", "{}");

        assertThat(error.describe()).isEqualTo("HTTP 400: Invalid request parameters (videoNo must be <= 3)");
    }

    @Test
    void addsTheServiceCodeWhenItDiffersFromTheStatus() {
        ServiceError error = new ServiceError(200, 10003, "Sensitive content", "Sensitive content", "{}");

        assertThat(error.describe()).isEqualTo("HTTP 200, code 10003: Sensitive content");
    }

    @Test
    void omitsAZeroCode() {
        assertThat(new ServiceError(502, 0, "Bad gateway", "", "").describe()).isEqualTo("HTTP 502: Bad gateway");
    }

    @Test
    void describesAnEmptyAnswerByItsStatus() {
        assertThat(new ServiceError(503, 503, null, null, null).describe()).isEqualTo("HTTP 503");
    }

    @Test
    void describesARawMessageWithoutMessage() {
        assertThat(new ServiceError(403, 403, "", "sensitive content detected", "").describe())
                .isEqualTo("HTTP 403 (sensitive content detected)");
    }

    @Test
    void turnsAbsentTextIntoEmptyText() {
        ServiceError error = new ServiceError(500, 500, null, null, null);

        assertThat(error.message()).isEmpty();
        assertThat(error.rawMessage()).isEmpty();
        assertThat(error.rawBody()).isEmpty();
    }
}
