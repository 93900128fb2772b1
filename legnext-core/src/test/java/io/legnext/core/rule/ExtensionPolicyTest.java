package io.legnext.core.rule;

import static io.legnext.core.error.Rejections.rejection;
import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.legnext.core.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionPolicyTest {

    @Test
    void aLineageMayBeExtendedFourTimesToTwentySeconds() {
        assertThat(ExtensionPolicy.MAX_EXTENSIONS).isEqualTo(4);
        assertThat(ExtensionPolicy.MAX_TOTAL_SECONDS).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void allowsAnotherExtensionWithFewerThanFourSoFar(int extensionsSoFar) {
        assertThatCode(() -> ExtensionPolicy.requireRoomForExtension(VIDEO_JOB, extensionsSoFar))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void refusesAnExtensionAfterFour(int extensionsSoFar) {
        InvalidRequestException e =
                rejection(() -> ExtensionPolicy.requireRoomForExtension(VIDEO_JOB, extensionsSoFar));

        assertThat(e.field()).isEqualTo("jobId");
        assertThat(e.value()).contains(VIDEO_JOB.toString()).contains("already extended " + extensionsSoFar + " times");
    }

    @Test
    void refusalMentionsTheTwentySecondLimit() {
        assertThat(rejection(() -> ExtensionPolicy.requireRoomForExtension(VIDEO_JOB, 4)))
                .hasMessageContaining("fewer than 4 extensions")
                .hasMessageContaining("at most 20 s")
                .hasMessageContaining("(20 s)");
    }

    @Test
    void rejectsNegativeCount() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ExtensionPolicy.requireRoomForExtension(VIDEO_JOB, -1))
                .withMessage("'extensionsSoFar' must be at least 0, was -1");
    }

    @ParameterizedTest
    @CsvSource({"0, 4", "1, 8", "2, 12", "3, 16", "4, 20"})
    void eachExtensionAddsFourSeconds(int extensions, int seconds) {
        assertThat(ExtensionPolicy.secondsAfter(extensions)).isEqualTo(seconds);
    }
}
